// The locks a killed writer leaves behind on the local backend, planted by the lock and
// race tests: a lock of this host whose pid is dead, an empty one (killed between create
// and write, by an older version), and an old one of another host.
import { spawn } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { hostname } from 'node:os'

import { LOCK_SUFFIX, STALE_LOCK_MS } from '../../src-main/object-store/lock-file'

export const STALE_LOCK_KINDS = ['dead pid', 'empty', 'old, other host'] as const
export type StaleLockKind = (typeof STALE_LOCK_KINDS)[number]

/** The pid of a process that has exited. */
export function exitedPid(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' })
    child.on('error', reject)
    child.on('exit', () => resolve(child.pid!))
  })
}

/** Leaves on `file` (a path, not a key) the lock a killed writer of `kind` would leave. */
export async function plantStaleLock(
  file: string,
  kind: StaleLockKind,
  deadPid: number,
): Promise<void> {
  const lockFile = file + LOCK_SUFFIX
  if (kind === 'empty') return fs.writeFile(lockFile, '')
  if (kind === 'dead pid') return fs.writeFile(lockFile, `${hostname()} ${deadPid} deadbeef`)
  await fs.writeFile(lockFile, `another-host.example ${process.pid} cafe`)
  const old = new Date(Date.now() - 2 * STALE_LOCK_MS)
  await fs.utimes(lockFile, old, old)
}
