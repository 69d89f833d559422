// Per-key lock files of the local folder backend, and how a dead writer's lock is taken
// over so that exactly one writer wins it, whatever the timing.
// See docs/ARCHITECTURE.md, "Invariants".
//
// A lock is a file `K.lock` holding its holder's token "HOST PID RANDOM". It is created
// whole: the token is written to a temp file that is then hard-linked to the lock name,
// and link() fails if the name exists. So exactly one writer creates it, and no reader
// ever sees a live writer's lock empty. An empty lock is therefore a leftover (a writer
// of an older version killed between create and write) and is stale at once, as is a
// lock of this host whose pid is dead. A lock of another host says nothing we can check
// but its age: it is stale when older than STALE_LOCK_MS.
//
// Taking over a stale lock S means removing the name K.lock only while it still is S.
// Removing a name is not conditional on POSIX, so removals are serialised by a second
// lock, K.break.lock, taken the same way (link of a whole token). The writer that holds
// it re-reads K.lock and removes it only if it is still S (same device, inode and
// content: tokens are random, so a later lock never looks like S). Why no interleaving
// can remove a live lock:
// - Only two kinds of writer ever remove K.lock: its holder at release (only while it
//   still holds its own token), and a breaker, only while holding K.break.lock.
// - S's holder is dead (or, for an age judgement, gone), so it never removes S.
// - Breakers hold K.break.lock one at a time, so between a breaker's re-read (K.lock is
//   S) and its removal nobody else removes K.lock, and nobody creates it (link() fails
//   while the name exists). The name it removes is therefore S, never a lock taken after.
// - After the removal, writers race on link() as for a free lock: exactly one wins.
// K.break.lock is itself taken over by the same rule, one level up (K.break.break.lock),
// so a breaker killed while holding it does not block anyone; the safety argument is
// the same at every level. Past MAX_BREAK_DEPTH nested dead breakers nothing is broken
// (safe, and the waiter times out with StoreUnavailableError).
// The one timing assumption is the age rule for locks whose holder we cannot ask (another
// host, or a pid reused by a live process): a writer holds a lock for milliseconds, so a
// lock older than STALE_LOCK_MS has no live holder.
import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { hostname } from 'node:os'
import path from 'node:path'

export const LOCK_SUFFIX = '.lock'
/** Temp files of the backend (never an object name); repair's clean-up removes leftovers. */
export const TEMP_PREFIX = '.tmp-'
/** A lock older than this is from a dead writer: a metadata swap takes milliseconds. */
export const STALE_LOCK_MS = 10_000
const LOCK_WAIT_MS = 15_000
const MAX_BREAK_DEPTH = 4

export type ReleaseLock = () => Promise<void>

interface LockSeen {
  /** Which lock file this is: device, inode and content, read through one handle. */
  identity: string
  content: string
  mtimeMs: number
}

/** Thrown when the lock stays held by a live writer past LOCK_WAIT_MS. */
export class LockTimeoutError extends Error {}

/** Takes the exclusive lock `file.lock`; takes over a stale one (see the top of this file). */
export async function acquireLock(file: string): Promise<ReleaseLock> {
  const lockFile = file + LOCK_SUFFIX
  const token = newToken()
  const deadline = Date.now() + LOCK_WAIT_MS
  for (let attempt = 0; ; attempt++) {
    if (await createWhole(lockFile, token)) return () => releaseOwn(lockFile, token)
    if (await takeOverIfStale(lockFile, 0)) continue
    if (Date.now() > deadline) throw new LockTimeoutError(`Timed out waiting for ${lockFile}.`)
    await new Promise((r) => setTimeout(r, Math.min(50, 2 + attempt * 2) * (0.5 + Math.random())))
  }
}

/** The name of the lock that serialises take-overs of `lockFile`. */
export function breakLockOf(lockFile: string): string {
  return lockFile.slice(0, -LOCK_SUFFIX.length) + '.break' + LOCK_SUFFIX
}

function newToken(): string {
  return `${hostname()} ${process.pid} ${randomBytes(12).toString('hex')}`
}

/** Exclusive create of `lockFile` already holding `token`; false if it exists. */
async function createWhole(lockFile: string, token: string): Promise<boolean> {
  const tmp = path.join(
    path.dirname(lockFile),
    `${TEMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`,
  )
  await fs.writeFile(tmp, token, { flag: 'wx' })
  try {
    await fs.link(tmp, lockFile)
    return true
  } catch (e) {
    if (isErrno(e, 'EEXIST')) return false
    throw e
  } finally {
    await fs.rm(tmp, { force: true })
  }
}

/**
 * Removes our own lock. Only a holder judged stale loses its lock, and a live holder of
 * this host never is; a lock we cannot read (gone, or the disk failing) is not provably
 * ours, so it stays for the next writer to judge.
 */
async function releaseOwn(lockFile: string, token: string): Promise<void> {
  const content = await fs.readFile(lockFile, 'utf8').catch(() => null)
  if (content === token) await fs.rm(lockFile, { force: true })
}

/**
 * True when `lockFile` is gone (released, or taken over by us or another writer), so the
 * caller should try to create it at once; false while a live writer holds it.
 */
async function takeOverIfStale(lockFile: string, depth: number): Promise<boolean> {
  const seen = await readLock(lockFile)
  if (!seen) return true
  if (!isStale(seen) || depth >= MAX_BREAK_DEPTH) return false
  const breakFile = breakLockOf(lockFile)
  const token = newToken()
  if (!(await createWhole(breakFile, token))) {
    // Another writer is taking it over, or died doing so: in that case take its break
    // lock over first; either way, look again on the next attempt.
    await takeOverIfStale(breakFile, depth + 1)
    return false
  }
  try {
    const now = await readLock(lockFile)
    if (now?.identity === seen.identity) await fs.rm(lockFile, { force: true })
    return true
  } finally {
    await releaseOwn(breakFile, token)
  }
}

async function readLock(lockFile: string): Promise<LockSeen | null> {
  let handle
  try {
    handle = await fs.open(lockFile, 'r')
  } catch (e) {
    if (isErrno(e, 'ENOENT')) return null
    throw e
  }
  try {
    const stat = await handle.stat({ bigint: true })
    const content = await handle.readFile('utf8')
    return {
      identity: `${stat.dev}:${stat.ino}:${stat.mtimeNs}:${content}`,
      content,
      mtimeMs: Number(stat.mtimeMs),
    }
  } finally {
    await handle.close()
  }
}

function isStale(lock: LockSeen): boolean {
  if (lock.content === '') return true
  const [host, pidText] = lock.content.split(' ')
  const pid = Number(pidText)
  if (host === hostname() && Number.isInteger(pid) && pid > 0 && !isAlive(pid)) return true
  return Date.now() - lock.mtimeMs > STALE_LOCK_MS
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return isErrno(e, 'EPERM')
  }
}

export function isErrno(e: unknown, ...codes: string[]): boolean {
  return typeof e === 'object' && e !== null && codes.includes((e as { code?: string }).code ?? '')
}
