// Our AGS4 checker over folders of AGS files, one line per file: the dictionary used,
// the rules with errors and with warnings, and finding counts. Where a `.check` file
// sits beside an `.ags` file (the AGS validator's expected findings, see
// test/fixtures/ags4/README.md) it also counts how many of those findings we report
// (same rule, group, message and line) and which rules differ. python-ags4 itself is
// not run: docs/AGS4.md lists where we differ from it and why.
// Run: npx tsx bench/ags4-reference.ts [FOLDER ...]   (default: test/fixtures/ags4/{real,rules})
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

import { checkAgsBytes, type AgsFinding } from '../src-main/ags4/index'
import { FIXTURES_DIR } from '../src-main/ags4/test-fixtures'

interface Expected {
  rule: string
  line: number | null
  group: string
  desc: string
}

function expectedFindings(checkPath: string): Expected[] {
  const json = JSON.parse(readFileSync(checkPath, 'utf8')) as Record<
    string,
    { line: number | string; group: string; desc: string }[]
  >
  return Object.entries(json).flatMap(([rule, list]) =>
    list.map((e) => ({
      rule: rule.replace(/^AGS Format /, ''),
      line: e.line === '-' ? null : Number(e.line),
      group: e.group,
      desc: e.desc,
    })),
  )
}

function isMatch(e: Expected, f: AgsFinding): boolean {
  return (
    f.rule === e.rule &&
    f.group === e.group &&
    f.message === e.desc &&
    (e.line === null || f.line === e.line)
  )
}

function ruleOrder(rule: string): number {
  const m = /^Rule (\d+)([a-z]?)$/.exec(rule)
  return m ? Number(m[1]) * 100 + (m[2] ? m[2].charCodeAt(0) - 96 : 0) : -1
}

const ruleSet = (rules: string[]) =>
  [...new Set(rules)].sort((a, b) => ruleOrder(a) - ruleOrder(b)).join(' ') || '-'

function checkFolder(dir: string, totals: { expected: number; matched: number }): void {
  const files = readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith('.ags'))
    .sort()
  for (const name of files) {
    const path = join(dir, name)
    const r = checkAgsBytes(new Uint8Array(readFileSync(path)), {
      fileName: name,
      exists: (p, kind) => {
        const full = join(dir, p)
        return existsSync(full) && (kind === 'folder') === statSync(full).isDirectory()
      },
    })
    const errors = r.findings.filter((f) => f.severity === 'error')
    const warnings = r.findings.filter((f) => f.severity === 'warning')
    let reference = ''
    const checkPath = path.replace(/\.ags$/i, '.check')
    if (existsSync(checkPath)) {
      const expected = expectedFindings(checkPath)
      const matched = expected.filter((e) => errors.some((f) => isMatch(e, f))).length
      totals.expected += expected.length
      totals.matched += matched
      const theirs = ruleSet(expected.map((e) => e.rule))
      const ours = ruleSet(errors.map((f) => f.rule))
      reference = ` | .check: ${matched}/${expected.length} matched, rules ${theirs === ours ? 'same' : `theirs ${theirs}`}`
    }
    console.log(
      `${name} | ${r.dictionary.version} | errors ${errors.length} [${ruleSet(errors.map((f) => f.rule))}] | warnings ${warnings.length} [${ruleSet(warnings.map((f) => f.rule))}]${reference}`,
    )
  }
}

const dirs = process.argv.slice(2)
const totals = { expected: 0, matched: 0 }
for (const dir of dirs.length > 0 ? dirs : [`${FIXTURES_DIR}real`, `${FIXTURES_DIR}rules`]) {
  console.log(`\n## ${dir}`)
  checkFolder(dir, totals)
}
if (totals.expected > 0)
  console.log(`\n.check findings reported: ${totals.matched} of ${totals.expected}`)
