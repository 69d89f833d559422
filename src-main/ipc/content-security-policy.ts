// The renderer's Content-Security-Policy (Electron security checklist item 7): only
// our own bundled scripts and styles, no inline script, no eval, no remote content,
// no framing, no forms. Under Electron the renderer talks to main over IPC only, so it
// may connect nowhere; in the browser host it may fetch its own origin (the contract).
export function contentSecurityPolicy(options: { allowSameOriginFetch: boolean }): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${options.allowSameOriginFetch ? "'self'" : "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ')
}
