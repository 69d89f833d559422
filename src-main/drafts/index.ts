// Working drafts (see docs/ARCHITECTURE.md, "Working drafts"): one record's uncommitted edits, kept as an overlay on the
// decoded base version (never a copy per edit) with undo/redo, live findings, and an
// append-only journal on the local disk so every acknowledged edit survives a crash.
// Saving makes the record's next version (or its first) and never overwrites another
// writer's: a conflict keeps the draft.
export type { CreateDraftInput, DraftFromTableInput, DraftManagerApi, DraftSource } from './types'
export { DraftManager, type DraftManagerOptions } from './manager'
// The durable whole-file write the journals use, for the config dir's other files (settings).
export { writeFileAtomic } from './journal'
