// Ctrl+C reaches every process in the terminal's group, but SIGTERM sent to `npm start`
// reaches only npm, which passes it to the shell it ran start.mjs in, not to us: so
// a signal is also assumed when our parent goes away (we are reparented). The app
// gets the signal and stops cleanly; one that has not stopped after STOP_GRACE_MS is
// killed, so `npm start` always ends and never leaves a host behind.
const STOP_GRACE_MS = 10_000

/** Ends `child` when we are signalled or orphaned, and exits with its code when it exits. */
export function superviseChild(child) {
  let stopping = false
  const stop = (signal) => {
    // Ctrl+C arrives more than once (the terminal's, then the parent's exit): stop once.
    if (stopping) return
    stopping = true
    child.kill(signal)
    setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS).unref()
  }
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(signal))
  const parent = process.ppid
  const watch = setInterval(() => {
    if (process.ppid !== parent) stop('SIGTERM')
  }, 500)
  child.on('exit', (code) => {
    clearInterval(watch)
    process.exit(code ?? 0)
  })
}
