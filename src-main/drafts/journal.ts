// A working draft on the local disk: an append-only JSON-lines journal per record in
// the drafts folder, so that every acknowledged edit survives a crash.
//   <key>.jsonl            line 1: JournalHeader; then one JournalEntry per edit, undo, redo
//   <key>.start.parquet    the starting rows of a new record or an import (written once)
// <key> is the first 16 hex digits of sha256(recordId): record ids may hold characters a
// file name cannot. An entry is acknowledged only after its line is appended and
// datasynced. A crash mid-append leaves at most the last line torn (no newline): it
// is dropped (it was never acknowledged) and the file truncated before the next append.
// Any other damage is not guessed at: the journal is set aside (renamed, never deleted)
// and the error names the file and line.
import { createHash, randomUUID } from 'node:crypto'
import { link, mkdir, open, readFile, readdir, rename, rm, truncate } from 'node:fs/promises'
import path from 'node:path'

import { z } from 'zod'

import {
  AlreadyExistsError,
  CorruptMetadataError,
  StoreUnavailableError,
} from '../../shared/errors'
import { DraftEditSchema } from '../../shared/ipc/contract'
import { FindingSchema } from '../../shared/metadata'

export const JOURNAL_FORMAT = 'borelog-desk/draft-journal/1'

export const JournalHeaderSchema = z.object({
  format: z.literal(JOURNAL_FORMAT),
  recordId: z.string().min(1),
  tableName: z.string().min(1),
  /** The store version the edits started from; null for a record not yet in the store. */
  baseVersion: z.number().int().positive().nullable(),
  /** sha256 of that version file as its history recorded it, to notice a rewritten store. */
  baseFileSha256: z.string().nullable(),
  /** Starting rows: the base version's ('version'), or the .start.parquet beside the journal. */
  rows: z.enum(['version', 'file']),
  header: z.record(z.string(), z.string()),
  extraFindings: z.array(FindingSchema).default([]),
  createdAt: z.string(),
})
export type JournalHeader = z.infer<typeof JournalHeaderSchema>

export const JournalEntrySchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('edit'), at: z.string(), edit: DraftEditSchema }),
  z.object({ op: z.literal('undo'), at: z.string() }),
  z.object({ op: z.literal('redo'), at: z.string() }),
])
export type JournalEntry = z.infer<typeof JournalEntrySchema>

export interface JournalFiles {
  journal: string
  startRows: string
}

export function journalFiles(draftsDir: string, recordId: string): JournalFiles {
  const key = createHash('sha256').update(recordId, 'utf8').digest('hex').slice(0, 16)
  return {
    journal: path.join(draftsDir, `${key}.jsonl`),
    startRows: path.join(draftsDir, `${key}.start.parquet`),
  }
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } catch {
    // Some file systems refuse fsync on a directory; the rename itself is still atomic there.
  } finally {
    await handle.close()
  }
}

/**
 * Folders whose entries `mkdir -p` added, as the parents to fsync: a new folder's own
 * entry is durable only once its parent is synced, so each created level syncs the one above.
 */
export function parentsToSync(firstCreated: string | undefined, dir: string): string[] {
  if (firstCreated === undefined) return []
  const out = [path.dirname(firstCreated)]
  let at = path.resolve(firstCreated)
  const target = path.resolve(dir)
  while (at !== target && target.startsWith(at + path.sep)) {
    out.push(at)
    at = path.join(at, path.relative(at, target).split(path.sep)[0]!)
  }
  return out
}

async function ensureDir(dir: string): Promise<void> {
  const firstCreated = await mkdir(dir, { recursive: true })
  for (const parent of parentsToSync(firstCreated, dir)) await fsyncDir(parent)
}

async function writeTemp(file: string, bytes: Uint8Array | string): Promise<string> {
  await ensureDir(path.dirname(file))
  const temp = `${file}.tmp-${process.pid}-${randomUUID()}`
  const handle = await open(temp, 'w')
  try {
    await handle.writeFile(bytes)
    await handle.datasync()
  } catch (e) {
    await handle.close()
    await rm(temp, { force: true })
    throw e
  }
  await handle.close()
  return temp
}

/**
 * Writes a whole file so that a reader sees the old state or the complete new file, and
 * the new file (with any folder created for it) survives a power cut once this resolves.
 */
export async function writeFileAtomic(file: string, bytes: Uint8Array | string): Promise<void> {
  const temp = await writeTemp(file, bytes)
  try {
    await rename(temp, file)
  } catch (e) {
    await rm(temp, { force: true })
    throw e
  }
  await fsyncDir(path.dirname(file))
}

/**
 * Starts a journal: the header line, all or nothing, and only if no journal is there.
 * link() fails on an existing name where rename() would replace it: a journal another
 * manager started (with edits it acknowledged) is never renamed away.
 * ALREADY_EXISTS when the journal exists.
 */
export async function createJournal(file: string, header: JournalHeader): Promise<void> {
  const temp = await writeTemp(file, JSON.stringify(header) + '\n')
  try {
    await link(temp, file)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new AlreadyExistsError(
        `A working draft of ${header.recordId} was started elsewhere meanwhile (${file}); nothing was changed. Open the record again to continue from that draft.`,
        { recordId: header.recordId, journal: file },
      )
    }
    throw e
  } finally {
    await rm(temp, { force: true })
  }
  await fsyncDir(path.dirname(file))
}

/**
 * Appends one entry; resolves once it is on disk (the edit is then acknowledged). On any
 * failure, a short write included, the file is cut back to its size before the append:
 * an edit reported as failed must not be replayed by the next open.
 */
export async function appendEntry(file: string, entry: JournalEntry): Promise<void> {
  const handle = await open(file, 'a')
  try {
    const { size } = await handle.stat()
    try {
      const bytes = Buffer.from(JSON.stringify(entry) + '\n', 'utf8')
      const { bytesWritten } = await handle.write(bytes)
      if (bytesWritten !== bytes.length) {
        throw new StoreUnavailableError(
          `Only ${bytesWritten} of ${bytes.length} bytes could be appended to ${file} (disk full or file size limit?).`,
          { file },
        )
      }
      await handle.datasync()
    } catch (e) {
      const cutBack = await handle
        .truncate(size)
        .then(() => handle.datasync())
        .then(
          () => null,
          (cutError: unknown) => cutError,
        )
      // The file could not be cut back either: the next open might replay an edit
      // reported as failed, so the caller hears of both.
      if (cutBack !== null)
        throw new StoreUnavailableError(
          `An edit could not be appended to ${file}, and the file could not be cut back to before it (${(cutBack as Error).message}): the next open may replay that edit. Check the disk, then open the draft again.`,
          { file, appendError: e instanceof Error ? e.message : String(e) },
          { cause: e },
        )
      throw e
    }
  } finally {
    await handle.close()
  }
}

export interface ReadJournal {
  header: JournalHeader
  entries: JournalEntry[]
  /** A torn last line was dropped (and the file truncated to the entries kept). */
  droppedTornLine: boolean
}

/** The journal's contents; CorruptMetadataError (after setting the file aside) when damaged. */
export async function readJournal(file: string, now: Date): Promise<ReadJournal> {
  const bytes = await readFile(file)
  const text = bytes.toString('utf8')
  const lastNewline = text.lastIndexOf('\n')
  const droppedTornLine = lastNewline !== text.length - 1
  const lines = text
    .slice(0, lastNewline + 1)
    .split('\n')
    .slice(0, -1)
  const corrupt = async (line: number, why: string): Promise<never> => {
    const aside = await setAside(file, now)
    throw new CorruptMetadataError(
      `The working draft ${file} cannot be read at line ${line}: ${why}. It was set aside as ${aside}; nothing was deleted.`,
      { file, line, setAsideAs: aside },
    )
  }
  const parseLine = (line: string): unknown => {
    try {
      return JSON.parse(line) as unknown
    } catch {
      // Not JSON fails the schema check below and is reported as a corrupt line.
      return undefined
    }
  }
  const first = lines[0]
  if (first === undefined) return corrupt(1, 'the header line is missing')
  const header = JournalHeaderSchema.safeParse(parseLine(first))
  if (!header.success)
    return corrupt(
      1,
      `not a draft journal header (${header.error.issues[0]?.message ?? 'bad JSON'})`,
    )
  const entries: JournalEntry[] = []
  for (let i = 1; i < lines.length; i++) {
    const parsed = JournalEntrySchema.safeParse(parseLine(lines[i]!))
    if (!parsed.success) return corrupt(i + 1, 'not a draft edit, undo or redo entry')
    entries.push(parsed.data)
  }
  if (droppedTornLine) await truncate(file, Buffer.byteLength(text.slice(0, lastNewline + 1)))
  return { header: header.data, entries, droppedTornLine }
}

/** Renames a damaged journal (and its starting rows) out of the way; returns the new name. */
export async function setAside(file: string, now: Date): Promise<string> {
  const stamp = now.toISOString().replace(/[-:.]/g, '')
  const aside = `${file}.corrupt-${stamp}`
  await rename(file, aside)
  const startRows = file.replace(/\.jsonl$/, '.start.parquet')
  await rename(startRows, `${startRows}.corrupt-${stamp}`).catch((e: unknown) => {
    // A draft started from a stored version has no starting-rows file.
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
  })
  return aside
}

export async function removeJournal(files: JournalFiles): Promise<void> {
  await rm(files.journal, { force: true })
  await rm(files.startRows, { force: true })
  await fsyncDir(path.dirname(files.journal)).catch((e: unknown) => {
    // No drafts folder: there was nothing to remove.
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
  })
}

/** Journal files in the drafts folder (not set-aside or temp files). */
export async function listJournals(draftsDir: string): Promise<string[]> {
  try {
    const names = await readdir(draftsDir)
    return names.filter((n) => /^[0-9a-f]{16}\.jsonl$/.test(n)).map((n) => path.join(draftsDir, n))
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw new StoreUnavailableError(
      `Cannot list the working drafts in ${draftsDir}: ${(e as Error).message}`,
      { draftsDir },
      { cause: e },
    )
  }
}

/** Edits in effect after the entries (edit +1, undo -1, redo +1), without replaying them. */
export function editCountOf(entries: readonly JournalEntry[]): number {
  let count = 0
  for (const entry of entries) count += entry.op === 'undo' ? -1 : 1
  return Math.max(0, count)
}
