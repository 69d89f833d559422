// Working drafts (issue 8): see types.ts.
export type {
  CreateDraftInput,
  DraftFromTableInput,
  DraftManagerApi,
  DraftSource,
} from './types'
export { DraftManager, type DraftManagerOptions } from './manager'
