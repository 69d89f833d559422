import { describe, expect, it } from 'vitest'

import { TaskbarTracker, windowTitle } from './taskbar'

const event = (taskId: string, done: number, total: number | null) => ({
  taskId,
  label: taskId,
  done,
  total,
})

describe('taskbar progress', () => {
  it('shows one task as done/total and removes the bar (-1) when it finishes', () => {
    const bar = new TaskbarTracker()
    expect(bar.update(event('a', 0, 4))).toEqual({ value: 0, mode: 'normal' })
    expect(bar.update(event('a', 1, 4))).toEqual({ value: 0.25, mode: 'normal' })
    expect(bar.update(event('a', 4, 4))).toEqual({ value: -1, mode: 'none' })
  })

  it('is indeterminate while any running task has no total yet', () => {
    const bar = new TaskbarTracker()
    expect(bar.update(event('a', 0, null)).mode).toBe('indeterminate')
    bar.update(event('b', 1, 2))
    expect(bar.current().mode).toBe('indeterminate')
    expect(bar.update(event('a', 3, 6))).toEqual({ value: 0.5, mode: 'normal' })
  })

  it('a finished task no longer holds the bar for the others', () => {
    const bar = new TaskbarTracker()
    bar.update(event('a', 0, null))
    bar.update(event('b', 1, 4))
    expect(bar.update(event('a', 1, 1))).toEqual({ value: 0.25, mode: 'normal' })
  })
})

describe('window title', () => {
  it('names the open store folder', () => {
    expect(windowTitle('/home/ann/stores/harbour-wall')).toContain('harbour-wall')
    expect(windowTitle('C:\\stores\\site-7')).toContain('site-7')
  })
})
