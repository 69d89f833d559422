// The registry of CLI commands. Each command lives in its own file.
import type { Command } from '../command'

export const COMMANDS: Command[] = []
