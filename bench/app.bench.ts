// App benchmark (issue 5), in Debian's Chromium through the browser host, over the
// real renderer and main-process code. Prints figures; asserts nothing.
//   1. a 1,000,000-row version: navigation to first painted page (cold: main has not
//      decoded it yet; warm: second open)
//   2. scrolling that grid: frame time p50/p95/max over ~3 s of continuous scrolling
//   3. records list of 10,000: status chip filter and search, input to repaint
// Data (made once, cached under .bench-data/): the e2e template store and a
// 10,000-record store. Run: npx tsx bench/app.bench.ts
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

/** Sets the hash and resolves with the time until `selector` exists and a frame painted it. */
function timeNavigation(page: Page, hash: string, selector: string): Promise<number> {
  return page.evaluate(
    ({ hash, selector }) =>
      new Promise<number>((resolveTime) => {
        const t0 = performance.now()
        location.hash = hash
        const check = () => {
          if (document.querySelector(selector))
            requestAnimationFrame(() => resolveTime(performance.now() - t0))
          else requestAnimationFrame(check)
        }
        check()
      }),
    { hash, selector },
  )
}

/** Scrolls the grid by `stepPx` every frame for `durationMs`; returns frame-to-frame times. */
function scrollFrames(page: Page, stepPx: number, durationMs: number): Promise<number[]> {
  return page.evaluate(
    ({ stepPx, durationMs }) =>
      new Promise<number[]>((resolveFrames) => {
        const grid = document.querySelector('[data-testid=version-grid]') as HTMLElement
        const frames: number[] = []
        const start = performance.now()
        let last = start
        const tick = (now: number) => {
          frames.push(now - last)
          last = now
          grid.scrollTop += stepPx
          if (now - start < durationMs) requestAnimationFrame(tick)
          else resolveFrames(frames.slice(2))
        }
        requestAnimationFrame(tick)
      }),
    { stepPx, durationMs },
  )
}

/** Applies a change through `act` and resolves when the list shows `expectedTotal` rows, painted. */
function timeListUpdate(page: Page, act: string, expectedTotal: number): Promise<number> {
  return page.evaluate(
    ({ act, expectedTotal }) =>
      new Promise<number>((resolveTime) => {
        const table = document.querySelector('[data-testid=records-table]') as HTMLElement
        const t0 = performance.now()
        const [kind, arg] = act.split(':') as [string, string]
        if (kind === 'chip')
          (document.querySelector(`[data-testid=chip-${arg}]`) as HTMLElement).click()
        else {
          const input = document.querySelector('input[type=search]') as HTMLInputElement
          const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set
          setter?.call(input, arg)
          input.dispatchEvent(new Event('input', { bubbles: true }))
        }
        const check = () => {
          const rowsShown = table.querySelectorAll('[role=row][data-record-id]').length
          if (table.dataset.total === String(expectedTotal) && rowsShown > 0) {
            requestAnimationFrame(() => resolveTime(performance.now() - t0))
          } else requestAnimationFrame(check)
        }
        check()
      }),
    { act, expectedTotal },
  )
}

async function withHost<T>(
  storeTemplate: string,
  run: (origin: string, url: string) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'borelog-bench-'))
  await cp(storeTemplate, join(dir, 'store'), { recursive: true })
  const host = await startHost(join(dir, 'store'), 'bench')
  try {
    return await run(host.origin, host.url)
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
    for (let run = 0; run < RUNS; run++) {
      await withHost(template, async (origin, url) => {
        await page.goto(url)
        await page.waitForSelector('[data-testid=records-table][data-total]')
        const firstRow = '[data-testid=version-grid] [data-row="0"]'
        cold.push(await timeNavigation(page, '#/records/BIG-1M/versions/1', firstRow))
        await timeNavigation(page, '#/records', '[data-testid=records-table]')
        warm.push(await timeNavigation(page, '#/records/BIG-1M/versions/1', firstRow))
        frames.push(...(await scrollFrames(page, 180, 3000)))
      })
    }

    const chip: number[] = []
    const search: number[] = []
    await withHost(many, async (origin, url) => {
      await page.goto(url)
      await page.waitForSelector('[data-testid=records-table][data-total]')
      const counts = await page.evaluate(() =>
        ['draft', 'approved', 'rejected', 'all'].map((s) =>
          Number(
            document
              .querySelector(`[data-testid=chip-${s}] .chip-count`)
              ?.textContent?.replace(/\D/g, ''),
          ),
        ),
      )
      const [draft, approved, , all] = counts as [number, number, number, number]
      for (let run = 0; run < RUNS; run++) {
        chip.push(await timeListUpdate(page, 'chip:all', all))
        chip.push(await timeListUpdate(page, 'chip:approved', approved))
        chip.push(await timeListUpdate(page, 'chip:draft', draft))
      }
      await timeListUpdate(page, 'chip:all', all)
      for (let run = 0; run < RUNS; run++) {
        search.push(await timeListUpdate(page, 'search:harbour wall', all / 5))
        search.push(await timeListUpdate(page, 'search:', all))
      }
      void origin
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
