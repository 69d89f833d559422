// The browser host's per-run token, as the page holds it. It arrives in the fragment
// of the URL the host printed (`/#token=...`), which the browser never sends to any
// server; it is kept in sessionStorage (this tab and this origin only, gone when the
// tab closes) and travels only as an Authorization header on the host's own calls.
// A cookie is never used: browsers send cookies to every port of 127.0.0.1, so any
// local listener would receive it. See docs/SECURITY.md, "Browser host".

const STORAGE_KEY = 'borelog.hostToken'
const FRAGMENT = /^#token=([A-Za-z0-9_-]+)$/

/**
 * Moves a `#token=...` fragment into sessionStorage and out of the address bar (and so
 * out of history, bookmarks and screenshots). Run before the router reads the hash, at
 * start-up and on every hash change (the printed URL opened again in the same tab).
 */
export function adoptTokenFromUrl(): void {
  const match = FRAGMENT.exec(window.location.hash)
  if (!match?.[1]) return
  window.sessionStorage.setItem(STORAGE_KEY, match[1])
  window.history.replaceState(null, '', window.location.pathname + window.location.search)
}

/** Adopts the token now and whenever the printed URL is opened again in this tab. */
export function watchForToken(): void {
  adoptTokenFromUrl()
  window.addEventListener('hashchange', adoptTokenFromUrl)
}

/** The Authorization header for the host, or none when the page was not opened with a token. */
export function authorizationHeader(): Record<string, string> {
  const token = window.sessionStorage.getItem(STORAGE_KEY)
  return token ? { Authorization: `Bearer ${token}` } : {}
}
