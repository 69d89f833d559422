// The record-id rule is shared with the IPC contract and the renderer's forms, so it
// lives in shared/; the store applies it before any I/O. See docs/SECURITY.md,
// "record-id rule".
export { MAX_RECORD_ID_BYTES, assertValidRecordId } from '../../shared/record-id'
