// Real processes that each run the built CLI bundle's main() (the bundle buildCli() makes,
// which bin/borelog-desk.mjs runs) once per command they are sent. A race test can so
// start 16 commands in 16 processes at the same instant, without paying Node's start-up
// (about half a CPU-second) per command on a two-core machine: the race is between the
// commands, not their start-ups. Exit codes are main()'s return values, which the bin
// passes to process.exitCode unchanged.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import { identityEnv, type CliResult } from './run-cli'

const WORKER_SOURCE = (bundleUrl: string): string => `
import { createInterface } from 'node:readline'
const { main } = await import(${JSON.stringify(bundleUrl)})
process.stdout.write(JSON.stringify({ ready: true }) + '\\n')
for await (const line of createInterface({ input: process.stdin })) {
  const { id, args } = JSON.parse(line)
  let stdout = ''
  let stderr = ''
  // The caller is the identity --by names, as identityEnv() makes it for one process.
  const by = args.indexOf('--by')
  const user = by >= 0 && args[by + 1] !== undefined ? args[by + 1] : 'tester'
  const code = await main(args, {
    out: (t) => { stdout += t },
    err: (t) => { stderr += t },
    isTty: false,
    env: { ...process.env, BORELOG_USER: user },
  })
  process.stdout.write(JSON.stringify({ id, code, stdout, stderr }) + '\\n')
}
`

interface Pending {
  resolve(result: CliResult): void
  reject(error: Error): void
}

class CliWorker {
  private readonly pending = new Map<number, Pending>()
  private nextId = 0
  private buffer = ''
  private stderr = ''
  private markReady: () => void = () => undefined
  /** Settles once the worker has loaded the CLI bundle. */
  /** Rejects when the worker exits. */
  readonly exited: Promise<never>
  readonly ready = new Promise<void>((resolve) => (this.markReady = resolve))

  constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => this.receive(chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()))
    this.exited = new Promise((_, reject) =>
      child.on('exit', (code, signal) => {
        const error = new Error(`CLI worker exited (${signal ?? code}): ${this.stderr}`)
        for (const p of this.pending.values()) p.reject(error)
        this.pending.clear()
        reject(error)
      }),
    )
    this.exited.catch(() => undefined)
  }

  run(args: string[]): Promise<CliResult> {
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      this.child.stdin.write(JSON.stringify({ id, args }) + '\n')
    })
  }

  private receive(text: string): void {
    this.buffer += text
    const lines = this.buffer.split('\n')
    this.buffer = lines.pop() ?? ''
    for (const line of lines) {
      const message = JSON.parse(line) as (CliResult & { id: number }) | { ready: true }
      if ('ready' in message) {
        this.markReady()
        continue
      }
      const { id, ...result } = message
      this.pending.get(id)?.resolve(result)
      this.pending.delete(id)
    }
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return resolve()
      this.child.on('exit', () => resolve())
      this.child.stdin.end()
    })
  }
}

export class CliWorkerPool {
  private constructor(private readonly workers: CliWorker[]) {}

  /** `count` processes running the CLI bundle behind `bin` (from buildCli()). */
  static async start(bin: string, count: number, env = process.env): Promise<CliWorkerPool> {
    const bundle = bin.replace(/-bin\.mjs$/, '.mjs')
    const script = path.join(path.dirname(bin), `cli-worker-${process.pid}.mjs`)
    await fs.writeFile(script, WORKER_SOURCE(pathToFileURL(bundle).href))
    const workers = Array.from(
      { length: count },
      // identityEnv gives the workers the test process's config folder of identities.
      () =>
        new CliWorker(
          spawn(process.execPath, [script], { env: identityEnv([], env), stdio: 'pipe' }),
        ),
    )
    // Start-up counts against the caller's hook, not the first round of its race.
    await Promise.race([Promise.all(workers.map((w) => w.ready)), ...workers.map((w) => w.exited)])
    return new CliWorkerPool(workers)
  }

  get size(): number {
    return this.workers.length
  }

  /** Runs `args` in worker `index` (the CLI's argv after the program name). */
  run(index: number, args: string[]): Promise<CliResult> {
    return this.workers[index % this.workers.length]!.run(args)
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.stop()))
  }
}
