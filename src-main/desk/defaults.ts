// Where things live when nobody says, shared by the Electron app and the browser host so
// both open the same sample store and read the same settings.
import { homedir, userInfo } from 'node:os'
import { join, resolve } from 'node:path'

/** Settings and working drafts: BORELOG_CONFIG_DIR, else ~/.borelog-desk. */
export function defaultConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.BORELOG_CONFIG_DIR || join(homedir(), '.borelog-desk')
}

/** The embedded sample store, created on first open: the default store location. */
export function defaultStoreDir(configDir: string = defaultConfigDir()): string {
  return join(configDir, 'sample-store')
}

export function isDefaultSampleStore(
  storeDir: string,
  configDir: string = defaultConfigDir(),
): boolean {
  return resolve(storeDir) === resolve(defaultStoreDir(configDir))
}

/** `~` and `~/...` as the user's home folder, as a shell would read what they typed. */
export function expandHome(location: string): string {
  return location === '~' || location.startsWith('~/')
    ? join(homedir(), location.slice(1))
    : location
}

/** The name recorded in created_by / approved_by when settings have none: the OS account. */
export function defaultUser(): string {
  try {
    return userInfo().username
  } catch {
    // userInfo throws for an account with no passwd entry (containers): any name will do.
    return 'reviewer'
  }
}

/**
 * What the command line or the environment says for this run only (tests, scripts): it wins
 * over the saved settings but is not saved.
 */
export function runOverrides(flags: { store?: string | undefined; user?: string | undefined }): {
  storeLocation?: string
  userName?: string
} {
  const store = flags.store ?? process.env.BORELOG_STORE
  const user = flags.user ?? process.env.BORELOG_USER
  return {
    ...(store ? { storeLocation: resolve(store) } : {}),
    ...(user ? { userName: user } : {}),
  }
}
