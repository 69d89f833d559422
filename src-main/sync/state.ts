// What sync remembers, kept in the LOCAL store under sync/remotes/{key}/ (one folder per
// remote, the key a hash of the remote's location). None of it is the source of truth:
// what is shared is derived from the two histories (pairing.ts), so deleting sync/ costs
// one full comparison, never a duplicate or a loss.
//   state.json               cursors into each store's changes/ (moved past sync's own
//                            writes at the end of a run) and the records still to do
//   conflicts/{id}/...       a merge waiting for the user: the remote's metadata.json and
//                            version files it needs, so it can be resolved offline
import { createHash } from 'node:crypto'

import { z } from 'zod'

import { BorelogError } from '../../shared/errors'
import { MetadataJsonSchema, type MetadataJson } from '../../shared/metadata'
import type { ObjectStore } from '../object-store/index'
import type { VersionedStore } from '../store/index'

const SYNC_PREFIX = 'sync/remotes/'

export function remoteKey(remoteLocation: string): string {
  return createHash('sha256').update(remoteLocation).digest('hex').slice(0, 16)
}

const DirectionSchema = z.object({
  /** changedSince cursor of the store this direction reads from; null: never listed. */
  cursor: z.string().nullable(),
  /** Records listed but not yet done in this direction. */
  todo: z.array(z.string()),
  /** push: when the last push that finished started; records made since are new to the remote. */
  through: z.string().nullable().default(null),
})

const StateSchema = z.object({
  format: z.literal(1),
  remote: z.string(),
  pull: DirectionSchema,
  push: DirectionSchema,
  last_sync_at: z.string().nullable(),
})
export type SyncStateJson = z.infer<typeof StateSchema>

const ConflictFileSchema = z.object({
  record_id: z.string(),
  /** Local versions: the common base (null: created on both sides), and ours (the local head). */
  base_version: z.number().int().nullable(),
  ours_version: z.number().int(),
  /** The remote head the merge was tried against. */
  theirs_version: z.number().int(),
  remote_etag: z.string(),
  /** Remote versions saved here because the resolution copies them. */
  remote_versions: z.array(z.number().int()),
  found_at: z.string(),
})
export type ConflictFile = z.infer<typeof ConflictFileSchema>

const encode = (value: unknown): Uint8Array =>
  new TextEncoder().encode(JSON.stringify(value, null, 2) + '\n')

function parse<T>(schema: z.ZodType<T>, bytes: Uint8Array): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(new TextDecoder().decode(bytes)))
    return parsed.success ? parsed.data : null
  } catch {
    // Bad JSON counts as the wrong shape: state is a cache, and null starts it afresh.
    return null
  }
}

/** Writes `key` whatever is there now: sync state has one writer per store and remote at a time. */
async function replace(
  objects: ObjectStore,
  key: string,
  bytes: Uint8Array,
  etag: string | null,
): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      return etag === null
        ? (await objects.putIfAbsent(key, bytes)).etag
        : (await objects.putIfMatch(key, bytes, etag)).etag
    } catch (e) {
      // Another sync of the same pair wrote it meanwhile: state is a cache; the last writer wins.
      if (
        !(e instanceof BorelogError) ||
        (e.code !== 'ALREADY_EXISTS' && e.code !== 'VERSION_CONFLICT') ||
        attempt >= 5
      )
        throw e
      etag = (await objects.head(key))?.etag ?? null
    }
  }
}

export class SyncState {
  readonly key: string
  private readonly objects: ObjectStore
  private etag: string | null = null
  data: SyncStateJson

  private constructor(objects: ObjectStore, remote: string) {
    this.objects = objects
    this.key = remoteKey(remote)
    this.data = {
      format: 1,
      remote,
      pull: { cursor: null, todo: [], through: null },
      push: { cursor: null, todo: [], through: null },
      last_sync_at: null,
    }
  }

  private get prefix(): string {
    return `${SYNC_PREFIX}${this.key}/`
  }

  static async load(local: VersionedStore, remoteLocation: string): Promise<SyncState> {
    const state = new SyncState(local.objects, remoteLocation)
    const got = await local.objects.get(`${state.prefix}state.json`)
    if (got) {
      state.etag = got.etag
      const parsed = parse(StateSchema, got.bytes)
      if (parsed && parsed.remote === remoteLocation) state.data = parsed
    }
    return state
  }

  async save(): Promise<void> {
    this.etag = await replace(
      this.objects,
      `${this.prefix}state.json`,
      encode(this.data),
      this.etag,
    )
  }

  // ---- conflicts waiting for the user ----

  private conflictPrefix(recordId: string): string {
    return `${this.prefix}conflicts/${recordId}/`
  }

  /** Records with a complete conflict saved (conflict.json is written last and removed first). */
  async conflictIds(): Promise<string[]> {
    const prefix = `${this.prefix}conflicts/`
    const ids: string[] = []
    for await (const info of this.objects.list(prefix)) {
      const [recordId, name] = info.key.slice(prefix.length).split('/')
      if (name === 'conflict.json' && recordId) ids.push(recordId)
    }
    return ids
  }

  async readConflict(
    recordId: string,
  ): Promise<{ file: ConflictFile; remote: MetadataJson } | null> {
    const [file, remote] = await Promise.all([
      this.objects.get(`${this.conflictPrefix(recordId)}conflict.json`),
      this.objects.get(`${this.conflictPrefix(recordId)}remote-metadata.json`),
    ])
    if (!file || !remote) return null
    const parsedFile = parse(ConflictFileSchema, file.bytes)
    const parsedRemote = parse(MetadataJsonSchema, remote.bytes)
    return parsedFile && parsedRemote ? { file: parsedFile, remote: parsedRemote } : null
  }

  async readConflictVersion(recordId: string, version: number): Promise<Uint8Array | null> {
    return (
      (await this.objects.get(`${this.conflictPrefix(recordId)}v${version}.parquet`))?.bytes ?? null
    )
  }

  /** Saves what resolving needs; the remote's files first, conflict.json last (it marks it complete). */
  async writeConflict(
    file: ConflictFile,
    remote: MetadataJson,
    versions: ReadonlyMap<number, Uint8Array>,
  ): Promise<void> {
    const prefix = this.conflictPrefix(file.record_id)
    await this.clearConflict(file.record_id)
    for (const [version, bytes] of versions)
      await this.objects.putIfAbsent(`${prefix}v${version}.parquet`, bytes)
    await this.objects.putIfAbsent(`${prefix}remote-metadata.json`, encode(remote))
    await this.objects.putIfAbsent(`${prefix}conflict.json`, encode(file))
  }

  async clearConflict(recordId: string): Promise<void> {
    const prefix = this.conflictPrefix(recordId)
    const keys: string[] = []
    for await (const info of this.objects.list(prefix)) keys.push(info.key)
    // conflict.json first: a half-cleared folder must never read as a complete conflict.
    keys.sort((a, b) => Number(b.endsWith('conflict.json')) - Number(a.endsWith('conflict.json')))
    for (const key of keys) await this.objects.delete(key)
  }
}
