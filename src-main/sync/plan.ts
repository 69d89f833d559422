// Planning one commit of copied history into the other store (see index.ts): which version
// files go under which numbers, and the history entries that name them. Entries that fit
// the target exactly (same number, same chain position, same file) are copied verbatim, so
// two stores that never diverged hold byte-identical files and histories; the others are
// re-sealed for the target with `synced_from` naming the entry they copy.
import type { HistoryEntry, MetadataJson } from '../../shared/metadata'
import { IntegrityError, InternalError } from '../../shared/errors'
import { sha256Hex } from '../object-store/index'
import {
  isWriteEntry,
  readVersionFileInfo,
  renumberVersionFile,
  sealEntry,
  signEntry,
  versionKey,
  type Signer,
  type VersionedStore,
} from '../store/index'
import { mergedFromOf } from './pairing'

/** An approval or rejection that was not copied, and why. */
export interface DeclinedReview {
  recordId: string
  /** The version reviewed, in the numbers of the store it was made in. */
  version: number
  action: string
  by: string
  at: string
  /** moved-past: the other store has newer versions; reviewed: that version is no longer a draft there. */
  reason: 'moved-past' | 'reviewed' | 'missing'
  /** The review's history entry (sync reports each declined review once). */
  entrySha256: string
}

type Draft =
  | {
      kind: 'write'
      source: HistoryEntry
      version: number
      mergedFrom: number[] | null
      verbatimFile: boolean
    }
  | { kind: 'review'; source: HistoryEntry; version: number }
  | {
      kind: 'merge'
      version: number
      mergedFrom: [number, number]
      by: string
      comment: string
      signer: Signer | null
    }

export interface CommitPlan {
  recordId: string
  files: Map<number, Uint8Array>
  drafts: Draft[]
  /** Source version -> target version, including what this plan copies. */
  map: Map<number, number>
  /** Target numbers of the versions copied. */
  versions: number[]
  reviews: number
  declined: DeclinedReview[]
  bytes: number
  /** The target's current version and status once the plan is committed. */
  current: number
  status: string
}

export interface CopySource {
  store: VersionedStore
  recordId: string
  /** Reads a version file of the source and checks it against its history hash. */
  readFile(version: number, sha256: string): Promise<Uint8Array>
}

/** Reads a committed version file without re-reading metadata.json, checked against `sha256`. */
export async function readCheckedVersion(
  store: VersionedStore,
  recordId: string,
  version: number,
  sha256: string,
): Promise<Uint8Array> {
  const key = versionKey(recordId, version)
  const got = await store.objects.get(key)
  if (!got) {
    throw new IntegrityError(
      `${store.location}/${key} is missing although its history names v${version}. Run borelog-desk verify there.`,
      { recordId, version },
    )
  }
  if (sha256Hex(got.bytes) !== sha256) {
    throw new IntegrityError(
      `${store.location}/${key} does not match the sha256 its history recorded: it was changed after it was written, and is not copied. Run borelog-desk verify there.`,
      { recordId, version },
    )
  }
  return got.bytes
}

/**
 * Plans copying `pending` (source entries, in order) onto `target`. With `strictReviews`
 * (push), a review is copied only while the version it names is the target's current
 * draft: an approval is never pushed for a version the remote has moved past.
 */
export async function planCopy(args: {
  source: CopySource
  target: MetadataJson | null
  pending: readonly HistoryEntry[]
  map: ReadonlyMap<number, number>
  strictReviews: boolean
}): Promise<CommitPlan> {
  const { source, target, pending } = args
  const map = new Map(args.map)
  const plan: CommitPlan = {
    recordId: source.recordId,
    files: new Map(),
    drafts: [],
    map,
    versions: [],
    reviews: 0,
    declined: [],
    bytes: 0,
    current: target?.current_version ?? 0,
    status: target?.status ?? 'draft',
  }
  for (const entry of pending) {
    if (isWriteEntry(entry)) {
      const version = plan.current + 1
      const sourceMerged = mergedFromOf(entry)
      const mergedFrom =
        sourceMerged?.map((v) => {
          const t = map.get(v)
          if (t === undefined) {
            throw new InternalError(
              `Sync cannot copy ${source.recordId} v${entry.version}: the v${v} it merges is not in the target yet.`,
              { recordId: source.recordId },
            )
          }
          return t
        }) ?? null
      const original = await source.readFile(entry.version, entry.file_sha256 ?? '')
      const verbatimFile =
        version === entry.version &&
        (sourceMerged === null || sameNumbers(sourceMerged, mergedFrom ?? []))
      const bytes = verbatimFile
        ? original
        : renumberVersionFile(
            original,
            `${source.store.location}/${versionKey(source.recordId, entry.version)}`,
            {
              version,
              ...(mergedFrom ? { mergedFrom } : {}),
            },
          )
      plan.files.set(version, bytes)
      plan.bytes += bytes.byteLength
      plan.drafts.push({ kind: 'write', source: entry, version, mergedFrom, verbatimFile })
      plan.versions.push(version)
      map.set(entry.version, version)
      plan.current = version
      plan.status = 'draft'
      continue
    }
    const version = map.get(entry.version)
    const decline = (reason: DeclinedReview['reason']): void => {
      plan.declined.push({
        recordId: source.recordId,
        version: entry.version,
        action: entry.action ?? entry.status,
        by: entry.created_by,
        at: entry.created_at,
        reason,
        entrySha256: entry.entry_sha256 ?? '',
      })
    }
    if (version === undefined) {
      decline('missing')
      continue
    }
    if (args.strictReviews && version !== plan.current) {
      decline('moved-past')
      continue
    }
    if (args.strictReviews && plan.status !== 'draft') {
      decline('reviewed')
      continue
    }
    plan.drafts.push({ kind: 'review', source: entry, version })
    plan.reviews++
    if (version === plan.current) plan.status = entry.status
  }
  return plan
}

/** Adds a merge version after what the plan copies: the file is built by the caller. */
export function addMerge(
  plan: CommitPlan,
  merge: {
    mergedFrom: [number, number]
    by: string
    comment: string
    file: Uint8Array
    signer: Signer | null
  },
): void {
  const version = plan.current + 1
  plan.files.set(version, merge.file)
  plan.bytes += merge.file.byteLength
  plan.drafts.push({
    kind: 'merge',
    version,
    mergedFrom: merge.mergedFrom,
    by: merge.by,
    comment: merge.comment,
    signer: merge.signer,
  })
  plan.versions.push(version)
  plan.current = version
  plan.status = 'draft'
}

/**
 * The sealed entries of a plan, given the bytes now stored under each new number (which
 * may be an earlier attempt's encoding of the same version).
 */
export function sealPlan(
  plan: CommitPlan,
  target: MetadataJson | null,
  stored: ReadonlyMap<number, Uint8Array>,
): HistoryEntry[] {
  let last = target?.history[target.history.length - 1]
  const fileSha = new Map<number, string>()
  for (const e of target?.history ?? [])
    if (isWriteEntry(e) && e.file_sha256) fileSha.set(e.version, e.file_sha256)
  const prev = (): string | null => last?.entry_sha256 ?? null
  const out: HistoryEntry[] = []
  const push = (entry: HistoryEntry): void => {
    out.push(entry)
    last = entry
  }
  for (const draft of plan.drafts) {
    if (draft.kind === 'merge') {
      const bytes = stored.get(draft.version)!
      const sha = sha256Hex(bytes)
      fileSha.set(draft.version, sha)
      const info = readVersionFileInfo(bytes, `${plan.recordId} v${draft.version}`)
      const sealed = sealEntry(
        {
          version: draft.version,
          status: 'draft',
          created_by: draft.by,
          created_at: info.created_at,
          comment: draft.comment,
          action: 'merge',
          file_sha256: sha,
          parent_version: draft.version - 1,
          merged_from: draft.mergedFrom,
          parents: draft.mergedFrom,
        },
        last,
      )
      push(draft.signer ? signEntry(sealed, draft.signer) : sealed)
      continue
    }
    const source = draft.source
    if (draft.kind === 'write') {
      const bytes = stored.get(draft.version)!
      // A verbatim file still stored as read was checked against this hash when it was read.
      const sha =
        draft.verbatimFile && bytes === plan.files.get(draft.version) && source.file_sha256
          ? source.file_sha256
          : sha256Hex(bytes)
      fileSha.set(draft.version, sha)
      if (
        draft.verbatimFile &&
        sha === source.file_sha256 &&
        (source.prev_entry_sha256 ?? null) === prev()
      ) {
        push(source)
        continue
      }
      push(
        sealEntry(
          {
            ...copiedFields(source),
            version: draft.version,
            parent_version: draft.version === 1 ? null : draft.version - 1,
            file_sha256: sha,
            ...(draft.mergedFrom
              ? { merged_from: draft.mergedFrom, parents: draft.mergedFrom }
              : {}),
            synced_from: syncedFrom(source),
          },
          last,
        ),
      )
      continue
    }
    const sha = fileSha.get(draft.version)
    if (sha === undefined)
      throw new InternalError(
        `Sync planned a review of ${plan.recordId} v${draft.version}, which has no file.`,
      )
    if (
      draft.version === source.version &&
      sha === source.file_sha256 &&
      (source.prev_entry_sha256 ?? null) === prev()
    ) {
      push(source)
      continue
    }
    push(
      sealEntry(
        {
          ...copiedFields(source),
          version: draft.version,
          file_sha256: sha,
          synced_from: syncedFrom(source),
        },
        last,
      ),
    )
  }
  return out
}

/**
 * What a re-sealed copy says of its source. A signature signs one entry_sha256, which a
 * copy at another number or chain position cannot keep, so the copy carries the signed
 * original whole (the first one, for a copy of a copy): verify checks its signature and
 * that the copy's author, time, action and words are the original's.
 * See docs/ARCHITECTURE.md, "Signed history".
 */
function syncedFrom(source: HistoryEntry): Record<string, unknown> {
  const origin = (source.synced_from as { entry?: HistoryEntry } | undefined)?.entry
  const signed = origin ?? (source.signature ? source : undefined)
  return {
    entry_sha256: source.entry_sha256,
    version: source.version,
    file_sha256: source.file_sha256 ?? null,
    ...(signed ? { entry: signed } : {}),
  }
}

/** What a copy keeps of an entry: who, when, why, what; not its place in the source's numbering and chain. */
function copiedFields(entry: HistoryEntry): HistoryEntry {
  const rest: Record<string, unknown> = { ...entry }
  for (const key of [
    'prev_entry_sha256',
    'entry_sha256',
    'synced_from',
    'merged_from',
    'parents',
    'parent_version',
    'file_sha256',
    'signature',
  ]) {
    delete rest[key]
  }
  return rest as HistoryEntry
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i])
}
