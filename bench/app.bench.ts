// App benchmark, in Debian's Chromium through the browser host, over the
// real renderer and main-process code. Prints figures; asserts nothing.
//   1. a 1,000,000-row version: navigation to first painted page (cold: main has not
//      decoded it yet; warm: second open)
//   2. scrolling that grid: frame time p50/p95/max over ~3 s of continuous scrolling
//   3. the diff view: first page of a 1M-row diff (cold and warm) and of a sample borelog
//   4. records list of 10,000: status chip filter and search, input to repaint
// Data (made once, cached under .bench-data/): the e2e template store and a
// 10,000-record store. Run: npx tsx bench/app.bench.ts
import { readFileSync } from 'node:fs'
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

import { chromium, type Page } from 'playwright-core'

import { buildAll, cachedStore, startHost, templateStore } from '../e2e/support/prepare'

const BENCH_DATA = resolve('.bench-data')
const RUNS = 5

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
}
const median = (values: number[]) => percentile(values, 50)
const ms = (n: number) => `${n.toFixed(1)} ms`

interface Probes {
  timeNavigation(hash: string, selector: string): Promise<number>
  scrollFrames(stepPx: number, durationMs: number): Promise<number[]>
  timeListUpdate(action: string, expectedTotal: number): Promise<number>
  chipCounts(): number[]
}

/** Calls an in-page probe (bench/app-in-page.js), loading the probes on first use after a page load. */
async function probe<K extends keyof Probes>(
  page: Page,
  name: K,
  ...args: Parameters<Probes[K]>
): Promise<Awaited<ReturnType<Probes[K]>>> {
  const isLoaded = await page.evaluate(() => 'borelogBench' in globalThis)
  // Evaluated over the DevTools protocol: the app's CSP (script-src 'self') rightly refuses a script tag.
  if (!isLoaded) await page.evaluate(readFileSync(resolve('bench/app-in-page.js'), 'utf8'))
  return page.evaluate(
    ([n, a]) => {
      const probes = (
        globalThis as unknown as { borelogBench: Record<string, (...x: unknown[]) => unknown> }
      ).borelogBench
      return probes[n]?.(...a)
    },
    [name, args] as [string, unknown[]],
  ) as Promise<Awaited<ReturnType<Probes[K]>>>
}

async function withHost<T>(storeTemplate: string, run: (url: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'borelog-bench-'))
  await cp(storeTemplate, join(dir, 'store'), { recursive: true })
  const host = await startHost(join(dir, 'store'), {
    user: 'bench',
    configDir: join(dir, 'config'),
  })
  try {
    return await run(host.url)
  } finally {
    await host.stop()
    await rm(dir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  await buildAll()
  const template = templateStore(BENCH_DATA)
  const many = cachedStore(BENCH_DATA, 'many-10000', (dir) => ['many', dir, '10000'])
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })

    const cold: number[] = []
    const warm: number[] = []
    const frames: number[] = []
    const diffCold: number[] = []
    const diffWarm: number[] = []
    const diffSmall: number[] = []
    for (let run = 0; run < RUNS; run++) {
      await withHost(template, async (url) => {
        await page.goto(url)
        await page.waitForSelector('[data-testid=records-table][data-total]')
        const firstRow = '[data-testid=version-grid] [data-row="0"]'
        cold.push(await probe(page, 'timeNavigation', '#/records/BIG-1M/versions/1', firstRow))
        await probe(page, 'timeNavigation', '#/records', '[data-testid=records-table]')
        warm.push(await probe(page, 'timeNavigation', '#/records/BIG-1M/versions/1', firstRow))
        frames.push(...(await probe(page, 'scrollFrames', 180, 3000)))
        const firstDiffRow = '[data-testid=diff-grid] [data-diff-row]'
        diffCold.push(
          await probe(page, 'timeNavigation', '#/records/BIG-1M/diff?from=1&to=2', firstDiffRow),
        )
        await probe(page, 'timeNavigation', '#/records', '[data-testid=records-table]')
        diffWarm.push(
          await probe(page, 'timeNavigation', '#/records/BIG-1M/diff?from=1&to=2', firstDiffRow),
        )
        diffSmall.push(
          await probe(
            page,
            'timeNavigation',
            '#/records/TOP3398-WS01/diff?from=2&to=3',
            firstDiffRow,
          ),
        )
      })
    }

    const chip: number[] = []
    const search: number[] = []
    await withHost(many, async (url) => {
      await page.goto(url)
      await page.waitForSelector('[data-testid=records-table][data-total]')
      await page.locator('[data-testid=chip-all] .chip-count').filter({ hasText: /\d/ }).waitFor()
      const counts = await probe(page, 'chipCounts')
      const [draft, approved, , all] = counts as [number, number, number, number]
      for (let run = 0; run < RUNS; run++) {
        chip.push(await probe(page, 'timeListUpdate', 'chip:all', all))
        chip.push(await probe(page, 'timeListUpdate', 'chip:approved', approved))
        chip.push(await probe(page, 'timeListUpdate', 'chip:draft', draft))
      }
      await probe(page, 'timeListUpdate', 'chip:all', all)
      for (let run = 0; run < RUNS; run++) {
        search.push(await probe(page, 'timeListUpdate', 'search:harbour wall', all / 5))
        search.push(await probe(page, 'timeListUpdate', 'search:', all))
      }
    })

    console.log('\nBorelog Desk app benchmark (browser host, Debian Chromium, 1440x900)')
    console.log(
      `  1M-row version, first painted page, cold   median ${ms(median(cold))}  max ${ms(Math.max(...cold))}  (target < 500 ms)`,
    )
    console.log(
      `  1M-row version, first painted page, warm   median ${ms(median(warm))}  max ${ms(Math.max(...warm))}`,
    )
    console.log(
      `  scroll frame time over ${frames.length} frames    p50 ${ms(median(frames))}  p95 ${ms(percentile(frames, 95))}  max ${ms(Math.max(...frames))}  (target p95 < 16 ms)`,
    )
    // Frame-to-frame time cannot go below the display's vsync (16.7 ms at 60 Hz): count the misses.
    const missed = frames.filter((f) => f > 20).length
    console.log(
      `  scroll frames that missed a 60 Hz vsync      ${missed} of ${frames.length} (${((100 * missed) / Math.max(1, frames.length)).toFixed(1)} %)`,
    )
    console.log(
      `  diff 1M vs 1M rows, first page, cold        median ${ms(median(diffCold))}  max ${ms(Math.max(...diffCold))}  (target < 500 ms)`,
    )
    console.log(`  diff 1M vs 1M rows, first page, warm        median ${ms(median(diffWarm))}`)
    console.log(`  diff of a sample borelog (8 rows), first page median ${ms(median(diffSmall))}`)
    console.log(
      `  10,000 records, status chip filter         median ${ms(median(chip))}  max ${ms(Math.max(...chip))}  (target < 100 ms)`,
    )
    console.log(
      `  10,000 records, search 'harbour wall'      median ${ms(median(search))}  max ${ms(Math.max(...search))}`,
    )
  } finally {
    await browser.close()
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
