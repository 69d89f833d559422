// Where the e2e harness keeps its builds and data (all gitignored).
import { resolve } from 'node:path'

export const E2E_DATA_DIR = resolve('.e2e-data')
export const STORE_TOOL = resolve('out/e2e/store-tool.mjs')
export const HOST_BUNDLE = resolve('out/host/borelog-host.mjs')
/** A file holding the path of the current template store. */
export const TEMPLATE_POINTER = resolve('.e2e-data/template-path')
