// Reading committed version files: each is checked against the sha256 its history entry
// recorded before anyone sees a byte of it, and kept while it is being paged through.
import { IntegrityError, NotFoundError } from '../../shared/errors'
import type { MetadataJson } from '../../shared/metadata'
import { sha256Hex, type ObjectStore } from '../object-store/index'
import { versionKey } from './layout'
import { readVersionFileInfo, type VersionFileInfo } from './version-file'

const VERIFIED_CACHE_BYTES = 256 * 1024 * 1024

/** The sha256 the history recorded for a version's file, if any entry did. */
export function recordedFileSha(metadata: MetadataJson, version: number): string | undefined {
  return metadata.history.find((e) => e.version === version && e.file_sha256)?.file_sha256
}

export function assertCommittedVersion(metadata: MetadataJson, version: number): void {
  if (!Number.isInteger(version) || version < 1 || version > metadata.current_version) {
    throw new NotFoundError(
      `Record ${metadata.record_id} has no version ${version}: its versions are 1 to ${metadata.current_version}.`,
      { recordId: metadata.record_id, version },
    )
  }
}

/**
 * Verified bytes of recently read versions. A committed version file never changes, so
 * paging through a big version (the grid) reads and hashes it once, not per page; the
 * cache key includes the recorded hash, so a record rebuilt by repair is read again.
 */
export class VerifiedFiles {
  private readonly files = new Map<string, Uint8Array>()
  private totalBytes = 0
  /** The parsed self-description of a cached file: paging a version parses its footer once. */
  private readonly infos = new WeakMap<Uint8Array, VersionFileInfo>()

  constructor(private readonly objects: ObjectStore) {}

  /** The bytes of a version metadata.json names, checked against its recorded sha256. */
  async bytes(metadata: MetadataJson, version: number): Promise<Uint8Array> {
    const key = versionKey(metadata.record_id, version)
    const cacheKey = `${key}\n${recordedFileSha(metadata, version) ?? ''}`
    const cached = this.files.get(cacheKey)
    if (cached) {
      // Re-inserted so the Map's order is least recently used first.
      this.files.delete(cacheKey)
      this.files.set(cacheKey, cached)
      return cached
    }
    const got = await this.objects.get(key)
    if (!got) {
      throw new IntegrityError(
        `${this.objects.location}/${key} is missing although metadata.json names v${version}. Run borelog-desk verify.`,
        { recordId: metadata.record_id, version },
      )
    }
    this.checkHash(metadata, version, got.bytes)
    this.files.set(cacheKey, got.bytes)
    this.totalBytes += got.bytes.byteLength
    for (const [k, v] of this.files) {
      if (this.totalBytes <= VERIFIED_CACHE_BYTES || this.files.size <= 1) break
      this.files.delete(k)
      this.totalBytes -= v.byteLength
    }
    return got.bytes
  }

  info(bytes: Uint8Array, where: string): VersionFileInfo {
    let info = this.infos.get(bytes)
    if (!info) {
      info = readVersionFileInfo(bytes, where)
      this.infos.set(bytes, info)
    }
    return info
  }

  /** A version file must hash to what its history entry recorded. */
  private checkHash(metadata: MetadataJson, version: number, bytes: Uint8Array): void {
    const actual = sha256Hex(bytes)
    const recorded = recordedFileSha(metadata, version)
    if (recorded && recorded !== actual) {
      throw new IntegrityError(
        `${this.objects.location}/${versionKey(metadata.record_id, version)} does not match the sha256 its history recorded: the file was changed after it was written.`,
        { recordId: metadata.record_id, version, recorded, actual },
      )
    }
  }
}
