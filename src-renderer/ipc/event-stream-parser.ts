// The server-sent event stream of the browser host (src-main/ipc/event-stream.ts), parsed
// by hand because the page reads it with fetch (EventSource cannot send the token header).
// The host writes `event: NAME` and `data: JSON` lines, a blank line after each event,
// and `: comment` lines to keep the connection alive; chunks may split anywhere.

export interface StreamEvent {
  name: string
  data: string
}

/** One `event:` / `data:` block; comments and blocks without a name are null. */
function parseBlock(block: string): StreamEvent | null {
  let name: string | null = null
  const data: string[] = []
  for (const line of block.split('\n')) {
    if (line.startsWith('event: ')) name = line.slice('event: '.length)
    else if (line.startsWith('data: ')) data.push(line.slice('data: '.length))
  }
  return name === null ? null : { name, data: data.join('\n') }
}

/** Feeds text as it arrives; returns the events completed by it, in order. */
export class EventStreamParser {
  private buffered = ''

  push(text: string): StreamEvent[] {
    this.buffered += text
    const events: StreamEvent[] = []
    let end: number
    while ((end = this.buffered.indexOf('\n\n')) >= 0) {
      const event = parseBlock(this.buffered.slice(0, end))
      this.buffered = this.buffered.slice(end + 2)
      if (event) events.push(event)
    }
    return events
  }
}
