// The registry of CLI commands. Each command lives in its own file.
import type { Command } from '../command'
import { exportAgsCommand, importCommand } from './ags-import'
import { checkCommand } from './check'
import { diffCommand } from './diff'
import { identityCommand } from './identity'
import { logCommand } from './log'
import { exportCommand, exportMetadataCommand, repairCommand, verifyCommand } from './maintenance'
import { mergeCommand } from './merge'
import {
  createCommand,
  getCommand,
  listCommand,
  metaCommand,
  updateCommand,
  validateCommand,
  versionsCommand,
} from './records'
import { approveCommand, rejectCommand } from './review'
import { pullCommand, pushCommand, resolveCommand, syncCommand } from './sync'

export const COMMANDS: Command[] = [
  createCommand,
  updateCommand,
  approveCommand,
  rejectCommand,
  getCommand,
  metaCommand,
  versionsCommand,
  listCommand,
  validateCommand,
  exportCommand,
  exportMetadataCommand,
  verifyCommand,
  repairCommand,
  checkCommand,
  importCommand,
  exportAgsCommand,
  logCommand,
  diffCommand,
  mergeCommand,
  syncCommand,
  pushCommand,
  pullCommand,
  resolveCommand,
  identityCommand,
]
