// Drives scripts/rgw/*.sh from TypeScript: the S3 tests' global setup, the tests that
// kill the gateway mid-write, and bench/s3.bench.ts share these.
import { execFile } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)
const scriptsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../scripts/rgw')

export interface RgwCluster {
  endpoint: string
  region: string
  accessKeyId: string
  secretAccessKey: string
  /** The cluster's temp folder: logs, config, pids. */
  dir: string
  readySeconds: number
}

async function script(name: string, args: string[], timeoutMs: number): Promise<string> {
  try {
    const { stdout } = await run(path.join(scriptsDir, name), args, {
      timeout: timeoutMs,
      maxBuffer: 1 << 20,
    })
    return stdout
  } catch (e) {
    const err = e as { stderr?: string; message?: string }
    throw new Error(
      `scripts/rgw/${name} ${args.join(' ')} failed:\n${err.stderr ?? err.message ?? String(e)}`,
    )
  }
}

/** Fails with the script's own message (what to install) when Ceph is missing: never a skip. */
export async function startRgw(): Promise<RgwCluster> {
  await script('ensure-installed.sh', ['--check'], 10_000)
  const stdout = await script('start.sh', [], 120_000)
  const line = stdout.trim().split('\n').pop() ?? ''
  return JSON.parse(line) as RgwCluster
}

export async function stopRgw(dir: string): Promise<void> {
  await script('stop.sh', [dir], 60_000)
}

/** SIGKILL the gateway: a crash mid-request, while the monitor and OSD (the data) live on. */
export async function killGateway(dir: string): Promise<void> {
  await script('gateway.sh', ['kill', dir], 30_000)
}

/** Starts the gateway again and waits until it answers HTTP. */
export async function startGateway(dir: string): Promise<void> {
  await script('gateway.sh', ['start', dir], 90_000)
}
