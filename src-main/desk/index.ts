// The application: what Borelog Desk does with the layers below, for the Electron app
// and the browser host (through ipc/) and for the CLI alike. Owns the workspace (the
// settings, the open store session and its switch, sync with the remote in settings,
// long work as tasks), the sample store, and the view models the screens are served
// from (version pages, diffs, Arrow values as contract cells, the decode workers).
// Guarantees: a store switch is all or nothing; every change to the open store is
// announced as store.changed exactly once, whether this process made it or another did
// (change-watcher.ts); the author of a save or review is the session's user, never the
// caller's claim; a cancelled task leaves nothing half-saved. It knows no transport:
// ipc/ validates requests and calls in here, the CLI parses flags and calls in here.
// See docs/ARCHITECTURE.md, "Layers" and "Process model and IPC".
export { defaultConfigDir, runOverrides } from './defaults'
export { EventHub } from './events'
export { callerIdentity, noIdentityError, signingIdentity, type Identity } from './identity'
export { exportVersion } from './export-version'
export { applyFile, previewFile } from './import-file'
export { diffStoredVersions } from './record-diff'
export { openRemote, remoteLocation } from './remote'
export {
  approveVersion,
  getRecord,
  recordHistory,
  rejectVersion,
  saveDraft,
  storeInfo,
} from './review'
export { ensureSampleStore } from './sample-store'
export type { Session, StoreDesk } from './session'
export { settingsPath } from './settings-file'
export { TaskRegistry } from './tasks'
export { Workspace, type WorkspaceOptions } from './workspace'
