// Request paths arrive %-encoded from an untrusted page: a malformed escape is the
// caller's mistake (the browser host answers 400, the app:// protocol 404), never a
// failure of the host.

/** The %-decoded path, or null for a malformed escape (it names no file of ours). */
export function decodePath(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded)
  } catch (e) {
    // URIError is decodeURIComponent's one failure: a malformed escape.
    if (e instanceof URIError) return null
    throw e
  }
}
