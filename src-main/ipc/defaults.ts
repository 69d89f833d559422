// Where a session's store and reviewer name come from when nobody says, shared by
// the Electron app and the browser host so both open the same sample store.
import { homedir, userInfo } from 'node:os'
import { join } from 'node:path'

/** The embedded sample store, created on first run (issue 5). BORELOG_STORE overrides it. */
export function defaultStoreDir(): string {
  return process.env.BORELOG_STORE || join(homedir(), '.borelog-desk', 'sample-store')
}

export function isDefaultSampleStore(storeDir: string): boolean {
  return !process.env.BORELOG_STORE && storeDir === join(homedir(), '.borelog-desk', 'sample-store')
}

/** The reviewer recorded in approvals: BORELOG_USER, else the OS account. */
export function defaultUser(): string {
  if (process.env.BORELOG_USER) return process.env.BORELOG_USER
  try {
    return userInfo().username
  } catch {
    return 'reviewer'
  }
}

/** Settings and working drafts: BORELOG_CONFIG_DIR, else ~/.borelog-desk. */
export function defaultConfigDir(): string {
  return process.env.BORELOG_CONFIG_DIR || join(homedir(), '.borelog-desk')
}
