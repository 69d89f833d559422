// The registry of CLI commands, one line each. Each command lives in its own file, which
// is imported only when that command runs, so a command loads only what it uses (the
// build splits one chunk per file; see docs/CLI.md, "Start-up").
import type { Command } from '../command'

export interface CommandEntry {
  name: string
  load(): Promise<Command>
}

export const COMMANDS: CommandEntry[] = [
  { name: 'create', load: async () => (await import('./records')).createCommand },
  { name: 'update', load: async () => (await import('./records')).updateCommand },
  { name: 'approve', load: async () => (await import('./review')).approveCommand },
  { name: 'reject', load: async () => (await import('./review')).rejectCommand },
  { name: 'get', load: async () => (await import('./records')).getCommand },
  { name: 'meta', load: async () => (await import('./records')).metaCommand },
  { name: 'versions', load: async () => (await import('./records')).versionsCommand },
  { name: 'list', load: async () => (await import('./records')).listCommand },
  { name: 'validate', load: async () => (await import('./records')).validateCommand },
  { name: 'export', load: async () => (await import('./maintenance')).exportCommand },
  {
    name: 'export-metadata',
    load: async () => (await import('./maintenance')).exportMetadataCommand,
  },
  { name: 'verify', load: async () => (await import('./maintenance')).verifyCommand },
  { name: 'repair', load: async () => (await import('./maintenance')).repairCommand },
  { name: 'check', load: async () => (await import('./check')).checkCommand },
  { name: 'import', load: async () => (await import('./ags-import')).importCommand },
  { name: 'export-ags', load: async () => (await import('./ags-import')).exportAgsCommand },
  { name: 'log', load: async () => (await import('./log')).logCommand },
  { name: 'diff', load: async () => (await import('./diff')).diffCommand },
  { name: 'merge', load: async () => (await import('./merge')).mergeCommand },
  { name: 'sync', load: async () => (await import('./sync')).syncCommand },
  { name: 'push', load: async () => (await import('./sync')).pushCommand },
  { name: 'pull', load: async () => (await import('./sync')).pullCommand },
  { name: 'resolve', load: async () => (await import('./sync')).resolveCommand },
  { name: 'identity', load: async () => (await import('./identity')).identityCommand },
]
