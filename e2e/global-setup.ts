// Builds the renderer, the host process and the store tool once, and makes (or
// reuses) the template store every test copies: the sample borelogs plus a
// 1,000,000-row record.
import { mkdirSync, writeFileSync } from 'node:fs'

import { E2E_DATA_DIR, TEMPLATE_POINTER } from './support/paths'
import { buildAll, templateStore } from './support/prepare'

export default async function globalSetup(): Promise<void> {
  await buildAll()
  const template = templateStore(E2E_DATA_DIR)
  mkdirSync(E2E_DATA_DIR, { recursive: true })
  writeFileSync(TEMPLATE_POINTER, template)
}
