// PLACEHOLDER (issue 8, in progress): the working-draft manager, built before the session ends.
import { BorelogError } from '../../shared/errors'
import type { VersionedStore } from '../store/index'
import type { DraftManagerApi } from './types'

export interface DraftManagerOptions {
  store: VersionedStore
  /** Folder for this store's working drafts, on the local disk (outside the store). */
  draftsDir: string
  /** Recorded as created_by of saved versions. */
  user: () => string
  now?: () => Date
}

const notYet = (): Promise<never> =>
  Promise.reject(new BorelogError('INTERNAL', 'Draft editing is not built yet.'))

export class DraftManager implements DraftManagerApi {
  constructor(readonly options: DraftManagerOptions) {}
  list = notYet
  open = notYet
  create = notYet
  createFromTable = notYet
  page = notYet
  edit = notYet
  undo = notYet
  redo = notYet
  save = notYet
  discard = notYet
}
