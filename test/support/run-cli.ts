// Running borelog-desk in tests: as a real process (exit codes, stderr, no stack traces)
// from a bundle built by buildCli(), or in this process through main() when only the
// command's behaviour matters.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

import { main } from '../../src-main/cli/main'

const execFileAsync = promisify(execFile)

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/** The config folder the tests' identities live in: one per test process, removed at exit. */
const IDENTITIES_DIR = mkdtempSync(join(tmpdir(), 'borelog-cli-identities-'))
process.on('exit', () => rmSync(IDENTITIES_DIR, { recursive: true, force: true }))

/**
 * A scripted run's environment: the caller is the identity that `--by` names (else
 * "tester"), created on first use in a temp config folder, as BORELOG_USER does. A test
 * that sets BORELOG_CONFIG_DIR itself chooses its identities (or none) itself.
 */
export function identityEnv(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  if (env.BORELOG_CONFIG_DIR) return env
  const by = args.indexOf('--by')
  const user = by >= 0 && args[by + 1] !== undefined ? args[by + 1] : 'tester'
  return { ...env, BORELOG_CONFIG_DIR: IDENTITIES_DIR, BORELOG_USER: user }
}

export async function runCliProcess(
  bin: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<CliResult> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [bin, ...args], {
      env: identityEnv(args, env),
    })
    return { code: 0, stdout, stderr }
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string }
    return { code: err.code, stdout: err.stdout, stderr: err.stderr }
  }
}

export async function runCliInProcess(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<CliResult> {
  let stdout = ''
  let stderr = ''
  const code = await main(args, {
    out: (t) => (stdout += t),
    err: (t) => (stderr += t),
    isTty: false,
    env: identityEnv(args, env),
  })
  return { code, stdout, stderr }
}
