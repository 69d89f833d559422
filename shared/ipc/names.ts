// Channel and event names without zod, so the sandboxed preload can allowlist them
// while bundling nothing but these strings. contract.ts checks at compile
// time that its schemas cover exactly these names.

export const CHANNEL_NAMES = [
  'store.info',
  'records.list',
  'record.get',
  'record.versions',
  'record.history',
  'version.page',
  'version.findings',
  'diff.summary',
  'diff.page',
  'diff.seek',
  'record.approve',
  'record.reject',
  'settings.get',
  'settings.update',
  'store.open',
  'drafts.list',
  'draft.open',
  'draft.create',
  'draft.page',
  'draft.edit',
  'draft.undo',
  'draft.redo',
  'draft.save',
  'draft.discard',
  'import.preview',
  'import.apply',
  'sync.status',
  'sync.run',
  'sync.conflicts',
  'sync.resolve',
  'record.export',
  'task.cancel',
] as const
export type Channel = (typeof CHANNEL_NAMES)[number]

export const EVENT_NAMES = ['store.changed', 'progress', 'settings.changed'] as const
export type EventName = (typeof EVENT_NAMES)[number]

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && (CHANNEL_NAMES as readonly string[]).includes(name)
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name)
}

/** The Electron IPC channel every call goes through: args are (channel, request). */
export const BRIDGE_INVOKE_CHANNEL = 'borelog:invoke'
/** The Electron IPC channel of one contract event. */
export const bridgeEventChannel = (event: EventName): string => `borelog:event:${event}`
