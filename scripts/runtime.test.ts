// Tests, tools and the CLI run on the Node that package.json's engines name: the `node`
// dev dependency puts it first on PATH for npm scripts and npx, even where the
// machine's own Node is older. A test run on another Node would prove nothing about it.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')

function parts(version: string): number[] {
  return version.replace(/^v/, '').split('.').map(Number)
}

it("runs on a Node that satisfies package.json's engines", () => {
  const { engines } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    engines: { node: string }
  }
  const [major, minor] = parts(process.version)
  const [wantMajor, wantMinor] = parts(engines.node.replace(/^>=/, ''))
  expect(engines.node).toMatch(/^>=\d+\.\d+$/)
  expect(
    major! > wantMajor! || (major === wantMajor && minor! >= wantMinor!),
    process.version,
  ).toBe(true)
})
