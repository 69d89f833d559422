// The strip log's fixture (src-renderer/strip-log/fixtures/hindley-mill.json) is what
// the AGS4 importer makes of the real Hindley Mill file: the renderer may not read
// files or import src-main, so its tests read this JSON, and fixture.test.ts keeps it
// equal to the importer's output. Rewrite it with `npx tsx test/strip-log/write-fixture.ts`.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { convertAgs, readAgs } from '../../src-main/ags4/index'

export const FIXTURE_PATH = join('src-renderer', 'strip-log', 'fixtures', 'hindley-mill.json')
const SOURCE = join('test', 'fixtures', 'ags4', 'real', 'Hindley Mill Embankment FRA01.ags')

export function hindleyMillFixture(): string {
  const file = readAgs(readFileSync(SOURCE))
  const holes = convertAgs(file, { fileName: 'Hindley Mill Embankment FRA01.ags' }).holes.map(
    (h) => ({
      recordId: h.recordId,
      holeId: h.holeId,
      // The kept AGS4 groups are machine data for export, not drawn.
      header: Object.fromEntries(Object.entries(h.header).filter(([k]) => !k.startsWith('ags4_'))),
      intervals: h.intervals,
    }),
  )
  return `${JSON.stringify({ source: 'test/fixtures/ags4/real/Hindley Mill Embankment FRA01.ags', holes }, null, 1)}\n`
}
