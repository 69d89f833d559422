// A TCP proxy between the S3 client and a real S3 server, for the failures a laptop sees:
// answers lost after the server acted on a request, and uploads cut partway. Requests and
// answers pass through unchanged (the SigV4 signature covers the Host header, which stays
// the proxy's on both sides), so what is tested is the real SDK against the real server.
import net from 'node:net'

export interface FaultProxy {
  endpoint: string
  /** Request bytes forwarded to the server so far. */
  readonly bytesUp: number
  /**
   * The next `count` requests whose first line starts with `method` reach the server, but
   * their answers are cut off: the client sees the connection reset after the server acted.
   */
  loseAnswers(method: string, count: number): void
  /** Calls `callback` once, as soon as `bytes` more request bytes have been forwarded. */
  whenUploaded(bytes: number, callback: () => void): void
  close(): Promise<void>
}

export async function startFaultProxy(targetPort: number): Promise<FaultProxy> {
  let bytesUp = 0
  const lose = { method: '', count: 0 }
  const watchers: { at: number; callback: () => void }[] = []
  const sockets = new Set<net.Socket>()

  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1')
    sockets.add(client)
    sockets.add(upstream)
    let loseThisAnswer = false
    const closeBoth = (): void => {
      client.destroy()
      upstream.destroy()
    }
    client.on('data', (chunk: Buffer) => {
      // Keep-alive requests on one connection are sequential, so a request's first bytes
      // start a chunk; a body chunk starting with a method name does not occur in these tests.
      if (
        lose.count > 0 &&
        chunk.subarray(0, lose.method.length + 1).toString() === `${lose.method} `
      ) {
        lose.count--
        loseThisAnswer = true
      }
      bytesUp += chunk.length
      upstream.write(chunk)
      for (const watcher of watchers.splice(0)) {
        if (bytesUp >= watcher.at) watcher.callback()
        else watchers.push(watcher)
      }
    })
    upstream.on('data', (chunk: Buffer) => {
      if (loseThisAnswer) {
        // The server has answered, so it has acted: the answer is what gets lost.
        client.resetAndDestroy()
        upstream.destroy()
        return
      }
      client.write(chunk)
    })
    client.on('error', closeBoth)
    upstream.on('error', closeBoth)
    client.on('close', () => {
      sockets.delete(client)
      upstream.end()
    })
    upstream.on('close', () => {
      sockets.delete(upstream)
      client.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port

  return {
    endpoint: `http://127.0.0.1:${port}`,
    get bytesUp() {
      return bytesUp
    },
    loseAnswers(method, count) {
      lose.method = method
      lose.count = count
    },
    whenUploaded(bytes, callback) {
      watchers.push({ at: bytesUp + bytes, callback })
    },
    close() {
      for (const socket of sockets) socket.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}
