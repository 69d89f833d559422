// Versioned store: create, update, latest, specific version, approve, reject, metadata
// and versions on the object store, in an on-disk format other tools read (records/{id}/
// metadata.json and versions/vN.parquet), made safe for many writers and crashes, plus
// verify, repair, batch operations and exports. Listing with filters is the catalog's job
// (one layer up), which reads the change events this layer writes.
// See docs/ARCHITECTURE.md, "On-disk format" and "Invariants".
export { isUnreadableRecord, parseMetadataJson } from './metadata-json'
export {
  VersionedStore,
  type ChangeEvent,
  type CreateRecordInput,
  type RecordIndex,
  type RejectInput,
  type ReviewInput,
  type StoreOptions,
  type UpdateRecordInput,
  type VersionPage,
} from './versioned-store'
export {
  assertValidNewRecordId,
  assertValidRecordId,
  MAX_RECORD_ID_BYTES,
  recordIdKey,
} from './record-id'
export { requireStoreOrEmpty, storeLocationKind, type StoreLocationKind } from './store-or-empty'
export { checkChain, canonicalJson, entryHash, sealEntry } from './history'
export { deriveTopLevel, deriveHistoryFields, type DerivedFields } from './derived-fields'
export {
  checkEntrySignature,
  checkHistorySignatures,
  signEntry,
  type SignatureCheck,
  type SignatureStatus,
} from './signatures'
export { isValidSignature, publicKeyFingerprint, type EntrySignature, type Signer } from './keys'
export {
  chainReader,
  copyRegistry,
  identityPrefix,
  readKeyChain,
  registerSigner,
  rotateKey,
  type KeyChain,
  type RegistryConflict,
} from './identities'
export { readVersionFileInfo, type VersionFileInfo } from './version-file'
export {
  verifyStore,
  verifyRecord,
  listRecordIds,
  RECORD_CHECKS,
  type RecordCheck,
  type RecordContext,
  type VerifyOptions,
  type VerifyReport,
  type IntegrityProblem,
} from './integrity'
export { repairStore, type RepairReport } from './repair'
export {
  changedSince,
  currentCursor,
  exportChanges,
  exportMetadata,
  isCursor,
  type ExportResult,
  type ExportedRecord,
} from './export'
export {
  CATALOG_SNAPSHOT_KEY,
  CHANGES_PREFIX,
  RECORDS_PREFIX,
  RECORD_IDS_PREFIX,
  STORE_MARKERS,
  assertIsStore,
  isStore,
  metadataKey,
  versionKey,
} from './layout'
export {
  announceRecord,
  appendHistory,
  buildMergeVersionFile,
  isWriteEntry,
  renumberVersionFile,
  type AppendHistoryInput,
} from './replicate'
