// The transport: serves the one contract of shared/ipc to the renderer, over Electron IPC
// (wired by src-main/app) and over the loopback browser host. Guarantees: every payload
// is parsed with its zod schema before the desk sees it; every call resolves to an
// IpcResult with an error code, never a throw; the browser host answers calls only on
// 127.0.0.1 and only with its per-run token in an Authorization header. What a call
// does is the desk's (src-main/desk).
// The browser host runs as its own process (host-main.ts). See docs/ARCHITECTURE.md,
// "Process model and IPC", and docs/SECURITY.md.
export { contentSecurityPolicy } from './content-security-policy'
export { decodePath } from './decode-path'
export { errorResult } from './dispatch'
export { serveWorkspace } from './handlers'
