// Preloaded with `node --import` by bench/cli.bench.ts into every measured process (ours
// and DuckDB's): at exit, writes the process's peak resident set (process.resourceUsage()
// .maxRSS, kilobytes, the kernel's high-water mark) to $BENCH_MAX_RSS_FILE.
import { writeFileSync } from 'node:fs'

process.on('exit', () => {
  const file = process.env.BENCH_MAX_RSS_FILE
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS))
})
