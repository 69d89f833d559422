// The drafts folder's lock: one process at a time writes a store's working drafts. Two
// processes each holding a draft in memory would append to one journal out of step (or
// start one over the other's), losing edits both had acknowledged. The lock file names its
// holder (pid, host); link() creates it only if absent, so two takers cannot both win.
// A lock whose pid is dead on this host is stale (a crash) and taken over; a lock from
// another host cannot be checked and counts as held.
import { randomUUID } from 'node:crypto'
import { link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import path from 'node:path'

import { StoreUnavailableError } from '../../shared/errors'

export const LOCK_FILE = 'drafts.lock'

interface LockOwner {
  pid: number
  hostname: string
  since: string
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function parseOwner(text: string): LockOwner | null {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>
    if (typeof value.pid === 'number' && typeof value.hostname === 'string')
      return { pid: value.pid, hostname: value.hostname, since: String(value.since ?? '') }
  } catch {
    // Unreadable: handled as stale below.
  }
  return null
}

async function readText(file: string): Promise<string | null> {
  return readFile(file, 'utf8').catch((e: unknown) => {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw e
  })
}

function heldError(draftsDir: string, file: string, owner: LockOwner): StoreUnavailableError {
  const where = owner.hostname === hostname() ? '' : ` on ${owner.hostname}`
  return new StoreUnavailableError(
    `The working drafts of this store are open in another Borelog Desk (pid ${owner.pid}${where}). Close it, or edit there; if no Borelog Desk is running, delete ${file}.`,
    { draftsDir, lockFile: file, pid: owner.pid, hostname: owner.hostname },
  )
}

/** Takes the lock for this process (a no-op if it already holds it); STORE_UNAVAILABLE when held. */
export async function acquireFolderLock(draftsDir: string): Promise<void> {
  const file = path.join(draftsDir, LOCK_FILE)
  await mkdir(draftsDir, { recursive: true })
  const mine: LockOwner = {
    pid: process.pid,
    hostname: hostname(),
    since: new Date().toISOString(),
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const temp = `${file}.tmp-${process.pid}-${randomUUID()}`
    await writeFile(temp, JSON.stringify(mine) + '\n')
    try {
      await link(temp, file)
      return
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
    } finally {
      await rm(temp, { force: true })
    }
    const text = await readText(file)
    if (text === null) continue
    const owner = parseOwner(text)
    if (owner && owner.hostname === mine.hostname && owner.pid === process.pid) return
    if (owner && (owner.hostname !== mine.hostname || isAlive(owner.pid)))
      throw heldError(draftsDir, file, owner)
    // Stale. Moved aside rather than deleted: if another process took it over between our
    // read and this rename, what we moved is its live lock, and it goes back.
    const aside = `${file}.stale-${process.pid}-${randomUUID()}`
    const moved = await rename(file, aside).then(
      () => true,
      (e: unknown) => {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false
        throw e
      },
    )
    if (!moved) continue
    if ((await readText(aside)) !== text)
      await link(aside, file).catch((e: unknown) => {
        // A third process took the lock meanwhile: its lock stands, ours goes.
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      })
    await rm(aside, { force: true })
  }
  const text = await readText(file)
  const owner = text === null ? null : parseOwner(text)
  throw owner
    ? heldError(draftsDir, file, owner)
    : new StoreUnavailableError(
        `The lock of the working drafts in ${draftsDir} could not be taken; try again.`,
        { draftsDir, lockFile: file },
      )
}

/** Gives the lock up if this process holds it. */
export async function releaseFolderLock(draftsDir: string): Promise<void> {
  const file = path.join(draftsDir, LOCK_FILE)
  const text = await readText(file)
  const owner = text === null ? null : parseOwner(text)
  if (owner && owner.pid === process.pid && owner.hostname === hostname())
    await rm(file, { force: true })
}
