// Rewrites the strip log's fixture from the AGS4 importer (see hindley-mill.ts).
import { writeFileSync } from 'node:fs'

import { FIXTURE_PATH, hindleyMillFixture } from './hindley-mill'

writeFileSync(FIXTURE_PATH, hindleyMillFixture())
console.log(`Wrote ${FIXTURE_PATH}`)
