// `borelog-desk check FILE.ags [--json] [--dictionary V]` the AGS4 format
// rules 1-20 on one file. Exit 0 when there is no error (warnings such as LF line
// endings are fine), 2 when the file has errors or is not AGS4 at all (bad input),
// 4 when the file does not exist. --json prints the findings in every case.
import { existsSync, promises as fs, statSync } from 'node:fs'
import path from 'node:path'

import { BadInputError, NotFoundError } from '../../../shared/errors'
import {
  STANDARD_VERSIONS,
  checkAgsBytes,
  formatFinding,
  type StandardVersion,
} from '../../ags4/index'
import type { Command } from '../command'

export const checkCommand: Command = {
  name: 'check',
  usage: `check FILE.ags [--dictionary ${STANDARD_VERSIONS.join('|')}] [--json]`,
  summary:
    'Check an AGS4 file against the AGS4 format rules 1-20; exit 0 without errors, 2 with errors.',
  options: { json: { type: 'boolean' }, dictionary: { type: 'string' } },
  async run(args, io) {
    const file = args.positionals[0]
    if (!file) throw new BadInputError('Missing FILE.ags: name the AGS4 file to check.')
    if (args.positionals.length > 1) {
      throw new BadInputError(
        `check takes one file; got ${args.positionals.length}. Run it once per file.`,
      )
    }
    const dictionary = args.values.dictionary
    if (
      dictionary !== undefined &&
      !(STANDARD_VERSIONS as readonly unknown[]).includes(dictionary)
    ) {
      throw new BadInputError(
        `--dictionary must be one of ${STANDARD_VERSIONS.join(', ')}, not "${String(dictionary)}".`,
        { flag: 'dictionary' },
      )
    }
    let bytes: Uint8Array
    try {
      bytes = new Uint8Array(await fs.readFile(file))
    } catch (e) {
      const code = (e as { code?: string }).code
      if (code === 'ENOENT') throw new NotFoundError(`${file} does not exist.`, { file })
      throw new BadInputError(
        `Cannot read ${file}: ${(e as Error).message}`,
        { file },
        { cause: e },
      )
    }
    // Rule 20: files named in the FILE group live in a FILE folder beside the AGS file.
    const dir = path.dirname(path.resolve(file))
    const exists = (rel: string, kind: 'file' | 'folder') => {
      const p = path.join(dir, ...rel.split('/'))
      return existsSync(p) && (kind === 'folder' ? statSync(p).isDirectory() : statSync(p).isFile())
    }
    const result = checkAgsBytes(bytes, {
      fileName: path.basename(file),
      exists,
      ...(dictionary ? { dictionary: dictionary as StandardVersion } : {}),
    })
    if (args.values.json) {
      io.out(
        JSON.stringify(
          {
            file,
            dictionary: result.dictionary,
            errorCount: result.errorCount,
            warningCount: result.warningCount,
            findings: result.findings,
          },
          null,
          2,
        ) + '\n',
      )
    } else {
      for (const f of result.findings) io.out(formatFinding(f) + '\n')
      io.out(
        `${file}: ${result.errorCount} error(s), ${result.warningCount} warning(s) (AGS ${result.dictionary.version} dictionary).\n`,
      )
    }
    return result.errorCount > 0 ? 2 : 0
  },
}
