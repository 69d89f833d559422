// In-page probes for bench/app.bench.ts, evaluated into the page by the bench. Plain
// browser JavaScript (the bench's TypeScript is compiled without DOM types). Each
// probe resolves after the next animation frame, so a time includes the paint.
window.borelogBench = {
  /** Sets the hash; ms until `selector` exists and a frame has painted it. */
  timeNavigation(hash, selector) {
    return new Promise((resolve) => {
      const t0 = performance.now()
      location.hash = hash
      const check = () => {
        if (document.querySelector(selector))
          requestAnimationFrame(() => resolve(performance.now() - t0))
        else requestAnimationFrame(check)
      }
      check()
    })
  },

  /**
   * Scrolls the version grid `stepPx` of rows per frame for `durationMs`; frame-to-frame
   * times. A wheel event first: a grid with a capped scroll range (big-scroll.tsx) moves
   * its rows by the wheel; otherwise scrollTop moves them.
   */
  scrollFrames(stepPx, durationMs) {
    return new Promise((resolve) => {
      const grid = document.querySelector('[data-testid=version-grid]')
      const frames = []
      const start = performance.now()
      let last = start
      const tick = (now) => {
        frames.push(now - last)
        last = now
        const wheel = new WheelEvent('wheel', { deltaY: stepPx, cancelable: true, bubbles: true })
        if (grid.dispatchEvent(wheel)) grid.scrollTop += stepPx
        if (now - start < durationMs) requestAnimationFrame(tick)
        else resolve(frames.slice(2))
      }
      requestAnimationFrame(tick)
    })
  },

  /** Clicks a status chip ("chip:approved") or types a search ("search:text"); ms until the list shows `expectedTotal`, painted. */
  timeListUpdate(action, expectedTotal) {
    return new Promise((resolve) => {
      const table = document.querySelector('[data-testid=records-table]')
      const t0 = performance.now()
      const [kind, arg] = action.split(':')
      if (kind === 'chip') document.querySelector(`[data-testid=chip-${arg}]`).click()
      else {
        const input = document.querySelector('input[type=search]')
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, arg)
        input.dispatchEvent(new Event('input', { bubbles: true }))
      }
      const check = () => {
        const shown = table.querySelectorAll('[role=row][data-record-id]').length
        if (table.dataset.total === String(expectedTotal) && shown > 0)
          requestAnimationFrame(() => resolve(performance.now() - t0))
        else requestAnimationFrame(check)
      }
      check()
    })
  },

  chipCounts() {
    return ['draft', 'approved', 'rejected', 'all'].map((s) =>
      Number(
        document
          .querySelector(`[data-testid=chip-${s}] .chip-count`)
          .textContent.replace(/\D/g, ''),
      ),
    )
  },
}
