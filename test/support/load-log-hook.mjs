// Preloaded with `node --import` by src-main/cli/startup.integration.test.ts: appends the
// URL of every module the process resolves (import and require alike) to $BORELOG_LOAD_LOG,
// so a test can see what a command really loaded.
import { appendFileSync } from 'node:fs'
import { registerHooks } from 'node:module'

const log = process.env.BORELOG_LOAD_LOG
registerHooks({
  resolve(specifier, context, nextResolve) {
    const result = nextResolve(specifier, context)
    if (log) appendFileSync(log, result.url + '\n')
    return result
  },
})
