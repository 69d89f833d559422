// Local folder backend. What a reader sees after a crash at any instant:
// - putIfAbsent writes a temp file (name starts with '.tmp-', never a version name),
//   fsyncs it, then hard-links it to the final name. link() fails if the name exists,
//   so two writers can never both create it, and the final name only ever points at a
//   complete, fsynced file. A crash leaves at most a stray temp file, which repair removes.
// - putIfMatch takes a per-key lock file (exclusive create), compares the current
//   content hash with the expected etag, writes a fsynced temp file and renames it
//   over the key (atomic on POSIX), then fsyncs the folder. A crash leaves either the
//   old or the new file, plus perhaps a stale lock that the next writer takes over,
//   exactly one writer whatever the timing (lock-file.ts says how).
import { createHash, randomBytes } from 'node:crypto'
import { constants as fsConstants, promises as fs } from 'node:fs'
import path from 'node:path'

import {
  AlreadyExistsError,
  BadInputError,
  StoreUnavailableError,
  VersionConflictError,
} from '../../shared/errors'
import type { GetResult, ListOptions, ObjectInfo, ObjectStore } from './index'
import {
  LOCK_SUFFIX,
  LockTimeoutError,
  TEMP_PREFIX,
  acquireLock,
  isAlive,
  isErrno,
  type ReleaseLock,
} from './lock-file'

export { TEMP_PREFIX }

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

export class LocalFolderStore implements ObjectStore {
  readonly location: string

  constructor(root: string) {
    this.location = path.resolve(root)
  }

  private pathOf(key: string): string {
    if (key === '' || key.startsWith('/') || key.split('/').some((p) => p === '..' || p === '.')) {
      throw new BadInputError(`Object key "${key}" is not a relative key inside the store.`, {
        key,
      })
    }
    return path.join(this.location, ...key.split('/'))
  }

  private unavailable(op: string, key: string, e: unknown): StoreUnavailableError {
    const msg = e instanceof Error ? e.message : String(e)
    return new StoreUnavailableError(
      `Cannot ${op} ${key} in ${this.location}: ${msg}`,
      { key, op },
      { cause: e },
    )
  }

  async get(key: string): Promise<GetResult | null> {
    const file = this.pathOf(key)
    try {
      const bytes = new Uint8Array(await fs.readFile(file))
      return { bytes, etag: sha256Hex(bytes) }
    } catch (e) {
      if (isErrno(e, 'ENOENT', 'ENOTDIR')) return null
      throw this.unavailable('read', key, e)
    }
  }

  async head(key: string): Promise<ObjectInfo | null> {
    const got = await this.get(key)
    if (!got) return null
    const stat = await fs.stat(this.pathOf(key))
    return { key, size: got.bytes.byteLength, etag: got.etag, lastModifiedMs: stat.mtimeMs }
  }

  private async writeTemp(dir: string, bytes: Uint8Array): Promise<string> {
    await fs.mkdir(dir, { recursive: true })
    const tmp = path.join(dir, `${TEMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`)
    const handle = await fs.open(tmp, 'wx')
    try {
      await handle.writeFile(bytes)
      await handle.sync()
    } finally {
      await handle.close()
    }
    return tmp
  }

  private async syncDir(dir: string): Promise<void> {
    // fsync of the folder makes the new name durable; some filesystems refuse it.
    try {
      const handle = await fs.open(dir, fsConstants.O_RDONLY)
      try {
        await handle.sync()
      } finally {
        await handle.close()
      }
    } catch (e) {
      if (!isErrno(e, 'EINVAL', 'EPERM', 'EISDIR', 'EBADF')) throw e
    }
  }

  async putIfAbsent(key: string, bytes: Uint8Array): Promise<{ etag: string }> {
    const file = this.pathOf(key)
    const dir = path.dirname(file)
    let tmp: string | undefined
    try {
      tmp = await this.writeTemp(dir, bytes)
      await fs.link(tmp, file)
      await this.syncDir(dir)
      return { etag: sha256Hex(bytes) }
    } catch (e) {
      if (isErrno(e, 'EEXIST')) {
        throw new AlreadyExistsError(
          `${key} already exists in ${this.location}; it is never overwritten.`,
          { key },
        )
      }
      throw this.unavailable('create', key, e)
    } finally {
      if (tmp) await fs.rm(tmp, { force: true })
    }
  }

  async putIfMatch(key: string, bytes: Uint8Array, etag: string): Promise<{ etag: string }> {
    const file = this.pathOf(key)
    const dir = path.dirname(file)
    const release = await this.lock(file)
    let tmp: string | undefined
    try {
      const current = await this.get(key)
      if (!current || current.etag !== etag) {
        throw new VersionConflictError(
          current
            ? `${key} was changed by another writer since it was read.`
            : `${key} does not exist (expected to replace it).`,
          { key, expectedEtag: etag, actualEtag: current?.etag ?? null },
        )
      }
      tmp = await this.writeTemp(dir, bytes)
      await fs.rename(tmp, file)
      tmp = undefined
      await this.syncDir(dir)
      return { etag: sha256Hex(bytes) }
    } catch (e) {
      if (e instanceof VersionConflictError) throw e
      throw this.unavailable('replace', key, e)
    } finally {
      if (tmp) await fs.rm(tmp, { force: true })
      await release()
    }
  }

  /** The exclusive lock of `file`'s key; see lock-file.ts for how a dead writer's is taken over. */
  private async lock(file: string): Promise<ReleaseLock> {
    try {
      return await acquireLock(file)
    } catch (e) {
      if (e instanceof LockTimeoutError) {
        throw new StoreUnavailableError(`Timed out waiting for the lock ${file}${LOCK_SUFFIX}.`, {
          lockFile: file + LOCK_SUFFIX,
        })
      }
      throw this.unavailable('lock', path.relative(this.location, file), e)
    }
  }

  async *list(prefix: string, options: ListOptions = {}): AsyncIterable<ObjectInfo> {
    const keys = await this.listKeys(prefix, options.startAfter)
    keys.sort()
    let count = 0
    for (const key of keys) {
      if (options.startAfter !== undefined && key <= options.startAfter) continue
      if (options.limit !== undefined && count >= options.limit) return
      let stat
      try {
        stat = await fs.stat(this.pathOf(key))
      } catch (e) {
        if (isErrno(e, 'ENOENT')) continue
        throw this.unavailable('stat', key, e)
      }
      count++
      // The local etag is a content hash: computing it here would read every file, so
      // listings carry size+mtime instead; use head() for the etag to CAS against.
      yield {
        key,
        size: stat.size,
        etag: `${stat.size}-${stat.mtimeMs}`,
        lastModifiedMs: stat.mtimeMs,
      }
    }
  }

  /** Keys under prefix; temp and lock files are backend internals, not objects. */
  private async listKeys(prefix: string, startAfter?: string): Promise<string[]> {
    // A folder whose every key sorts before startAfter is skipped unread, so listing
    // from a recent cursor costs what follows the cursor, not the whole prefix.
    const skip = (dirKeyPrefix: string): boolean =>
      startAfter !== undefined && dirKeyPrefix < startAfter && !startAfter.startsWith(dirKeyPrefix)
    const slash = prefix.lastIndexOf('/')
    const dirKey = slash >= 0 ? prefix.slice(0, slash) : ''
    const namePrefix = prefix.slice(slash + 1)
    const out: string[] = []
    const walk = async (dirPath: string, keyPrefix: string): Promise<void> => {
      let entries
      try {
        entries = await fs.readdir(dirPath, { withFileTypes: true })
      } catch (e) {
        if (isErrno(e, 'ENOENT', 'ENOTDIR')) return
        throw this.unavailable('list', keyPrefix || '/', e)
      }
      for (const entry of entries) {
        if (isInternalName(entry.name)) continue
        const key = keyPrefix + entry.name
        if (entry.isDirectory()) {
          if (!skip(key + '/')) await walk(path.join(dirPath, entry.name), key + '/')
        } else if (entry.isFile()) out.push(key)
      }
    }
    const dirPath = dirKey ? this.pathOf(dirKey) : this.location
    let entries
    try {
      entries = await fs.readdir(dirPath, { withFileTypes: true })
    } catch (e) {
      if (isErrno(e, 'ENOENT', 'ENOTDIR')) return out
      throw this.unavailable('list', prefix, e)
    }
    const base = dirKey ? dirKey + '/' : ''
    for (const entry of entries) {
      if (!entry.name.startsWith(namePrefix) || isInternalName(entry.name)) continue
      if (entry.isDirectory()) {
        if (!skip(base + entry.name + '/'))
          await walk(path.join(dirPath, entry.name), base + entry.name + '/')
      } else if (entry.isFile()) out.push(base + entry.name)
    }
    return out
  }

  async listChildren(prefix: string): Promise<string[]> {
    const dirKey = prefix.replace(/\/+$/, '')
    const dirPath = dirKey ? this.pathOf(dirKey) : this.location
    try {
      const entries = await fs.readdir(dirPath, { withFileTypes: true })
      return entries
        .filter((e) => e.isDirectory() && !isInternalName(e.name))
        .map((e) => e.name)
        .sort()
    } catch (e) {
      if (isErrno(e, 'ENOENT', 'ENOTDIR')) return []
      throw this.unavailable('list', prefix, e)
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await fs.rm(this.pathOf(key), { force: true })
    } catch (e) {
      throw this.unavailable('delete', key, e)
    }
  }

  /**
   * Removes temp and stale-lock files of writers that are gone (their pid is dead, or
   * the file is over an hour old); a live writer's temp file is left alone. For repair.
   */
  async removeDeadTempFiles(): Promise<string[]> {
    const removed: string[] = []
    const walk = async (dir: string): Promise<void> => {
      const entries = await fs.readdir(dir, { withFileTypes: true }).catch((e: unknown) => {
        // A folder removed meanwhile has nothing to clean; any other failure is an outage.
        if (isErrno(e, 'ENOENT', 'ENOTDIR')) return []
        throw this.unavailable('list', path.relative(this.location, dir) || '/', e)
      })
      for (const entry of entries) {
        const full = path.join(dir, entry.name)
        if (entry.isDirectory()) {
          await walk(full)
          continue
        }
        if (!entry.name.startsWith(TEMP_PREFIX) && !entry.name.includes(LOCK_SUFFIX + '.stale-'))
          continue
        const pid = Number(entry.name.slice(TEMP_PREFIX.length).split('-')[0])
        const stat = await fs.stat(full).catch((e: unknown) => {
          // Its writer finished and removed it meanwhile: nothing to clean.
          if (isErrno(e, 'ENOENT')) return null
          throw this.unavailable('stat', path.relative(this.location, full), e)
        })
        const old = stat !== null && Date.now() - stat.mtimeMs > 3_600_000
        if (old || !(Number.isInteger(pid) && pid > 0 && isAlive(pid))) {
          await fs.rm(full, { force: true })
          removed.push(path.relative(this.location, full))
        }
      }
    }
    await walk(this.location)
    return removed
  }
}

function isInternalName(name: string): boolean {
  return (
    name.startsWith(TEMP_PREFIX) ||
    name.endsWith(LOCK_SUFFIX) ||
    name.includes(LOCK_SUFFIX + '.stale-')
  )
}
