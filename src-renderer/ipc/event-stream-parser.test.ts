import { describe, expect, it } from 'vitest'

import { EventStreamParser } from './event-stream-parser'

const STREAM =
  ': connected\n\n' +
  'event: store.changed\ndata: {"recordIds":["BH1"]}\n\n' +
  ': keep-alive\n\n' +
  'event: progress\ndata: {"done":1,"total":2}\n\n'

const EXPECTED = [
  { name: 'store.changed', data: '{"recordIds":["BH1"]}' },
  { name: 'progress', data: '{"done":1,"total":2}' },
]

describe('the event stream read with fetch', () => {
  it('yields each event once, in order, skipping comments', () => {
    expect(new EventStreamParser().push(STREAM)).toEqual(EXPECTED)
  })

  it('an event split across chunks at any point arrives whole, when its block ends', () => {
    for (let cut = 1; cut < STREAM.length; cut++) {
      const parser = new EventStreamParser()
      const events = [...parser.push(STREAM.slice(0, cut)), ...parser.push(STREAM.slice(cut))]
      expect(events).toEqual(EXPECTED)
    }
  })

  it('an unfinished event waits for the blank line that ends it', () => {
    const parser = new EventStreamParser()
    expect(parser.push('event: store.changed\ndata: {}\n')).toEqual([])
    expect(parser.push('\n')).toEqual([{ name: 'store.changed', data: '{}' }])
  })
})
