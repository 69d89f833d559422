// Fan-out of contract events (store.changed, progress) from main's layers to every
// connected renderer: Electron windows and browser-host event streams subscribe here.
// A listener that throws is dropped from that one delivery only: one broken window
// must not stop the others hearing that the store changed.
import type { EventName, EventOf } from '../../shared/ipc/contract'

export type EventListener = <E extends EventName>(event: E, payload: EventOf<E>) => void

export class EventHub {
  private readonly listeners = new Set<EventListener>()

  emit<E extends EventName>(event: E, payload: EventOf<E>): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event, payload)
      } catch (e) {
        // Logged, not thrown: one failing window must not keep the others from hearing of a
        // change, nor fail the commit that announced it.
        console.error(`Event listener failed for ${event}`, e)
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
