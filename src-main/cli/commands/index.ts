// The registry of CLI commands. Each command lives in its own file.
import type { Command } from '../command'
import { checkCommand } from './check'

export const COMMANDS: Command[] = [checkCommand]
