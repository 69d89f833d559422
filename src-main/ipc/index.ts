// IPC layer (DESIGN.md 5, STYLE.md 2): serves the one contract of shared/ipc to the
// renderer, over Electron IPC (wired by src-main/app) and over the loopback browser
// host. Guarantees: every payload is parsed with its zod schema before any layer sees
// it; every call resolves to an IpcResult with an error code, never a throw; the
// browser host answers only 127.0.0.1 requests carrying its per-run token. The
// Workspace owns what outlives one store (settings, events, tasks, sync) and switches
// the open store all or nothing.
export { contentSecurityPolicy } from './content-security-policy'
export { createDispatch, errorResult, type Dispatch, type HandlerTable } from './dispatch'
export { EventHub } from './events'
export { startBrowserHost, type BrowserHost, type BrowserHostOptions } from './browser-host'
export { ensureSampleStore } from './sample-store'
export { Workspace, type WorkspaceOptions } from './workspace'
export { defaultConfigDir, runOverrides } from './defaults'
