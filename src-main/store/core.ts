// What every store operation shares: the backend, the table rules, the verified-file
// cache, the clock and the commit announcement. VersionedStore owns one; the operation
// modules (read, definition, commit, review) take it instead of the whole class, so each
// can be read on its own.
import type { HistoryEntry, MetadataJson } from '../../shared/metadata'
import type { ObjectStore } from '../object-store/index'
import type { SchemaRegistry } from '../schema/index'
import type { Signer } from './keys'
import type { VerifiedFiles } from './verified-files'

export interface StoreCore {
  readonly objects: ObjectStore
  readonly registry: SchemaRegistry
  readonly files: VerifiedFiles
  /** Signs every entry this store writes; null: entries are written unsigned (library use). */
  readonly signer: Signer | null
  /** Binds the signer's name to its key in this store (once per process), or refuses it. */
  registered(signer: Signer): Promise<void>
  /** Now, ISO-8601 UTC with Z (injected in tests). */
  timestamp(): string
  /** After a commit: an entry in changes/ for incremental readers, then local listeners. */
  committed(metadata: MetadataJson, entry: HistoryEntry): Promise<void>
}
