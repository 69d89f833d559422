// Running borelog-desk in tests: as a real process (exit codes, stderr, no stack traces)
// from a bundle built by buildCli(), or in this process through main() when only the
// command's behaviour matters.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

import { main } from '../../src-main/cli/main'

const execFileAsync = promisify(execFile)

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

export async function runCliProcess(
  bin: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<CliResult> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [bin, ...args], { env })
    return { code: 0, stdout, stderr }
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string }
    return { code: err.code, stdout: err.stdout, stderr: err.stderr }
  }
}

export async function runCliInProcess(args: string[]): Promise<CliResult> {
  let stdout = ''
  let stderr = ''
  const code = await main(args, {
    out: (t) => (stdout += t),
    err: (t) => (stderr += t),
    isTty: false,
  })
  return { code, stdout, stderr }
}
