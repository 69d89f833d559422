// A child process for the drafts crash test: it edits a working draft in a loop and
// prints one line per acknowledged edit (draft.edit returned), so the parent knows
// exactly which edits must survive when it kills us.
//   draft-child STORE DRAFTS_DIR RECORD_ID
import { openBorelogStore } from '../../src-main/catalog/index'
import { DraftManager } from '../../src-main/drafts/index'

const [storeDir, draftsDir, recordId] = process.argv.slice(2)
const { store } = await openBorelogStore(storeDir!)
const drafts = new DraftManager({ store, draftsDir: draftsDir!, user: () => 'child' })
let state = await drafts.open(recordId!)
for (let i = 0; ; i++) {
  state = await drafts.edit(recordId!, {
    kind: 'paste',
    row: state.rowCount,
    column: 'depth_top_m',
    values: [[String(10 + i), String(11 + i), `edit ${i}`]],
    units: 'm',
  })
  process.stdout.write(JSON.stringify({ edit: i, rowCount: state.rowCount }) + '\n')
}
