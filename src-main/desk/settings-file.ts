// {configDir}/settings.json: what the user chose, kept across runs. Written whole to a
// synced temp file then renamed over the old one (folder synced), so a crash or power cut
// mid-write leaves the previous settings, never half a file or an empty one. A file that
// does not parse is set aside (never deleted: the user may want it back) and defaults are
// used, because settings must never stop the app from starting.
import { readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'

import { StoreUnavailableError } from '../../shared/errors'
import { SettingsSchema, type Settings } from '../../shared/ipc/contract'
import { writeFileAtomic } from '../drafts/index'

export const SETTINGS_FILE = 'settings.json'

export interface LoadedSettings {
  settings: Settings
  /** Where a malformed file was moved to, when it was. */
  setAsideTo: string | null
}

export function settingsPath(configDir: string): string {
  return join(configDir, SETTINGS_FILE)
}

export async function loadSettings(configDir: string, defaults: Settings): Promise<LoadedSettings> {
  const file = settingsPath(configDir)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (e) {
    // No settings yet is the first start; unreadable ones are logged: starting matters more.
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
      console.error(
        `Cannot read the settings in ${file} (${(e as Error).message}); started with the defaults.`,
      )
    return { settings: defaults, setAsideTo: null }
  }
  let problem: string
  try {
    const parsed = SettingsSchema.safeParse(JSON.parse(text))
    if (parsed.success) return { settings: parsed.data, setAsideTo: null }
    problem = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`)
      .join('; ')
  } catch (e) {
    // JSON.parse's one failure: the file is damaged, set aside below.
    if (!(e instanceof SyntaxError)) throw e
    problem = e.message
  }
  const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`
  try {
    await rename(file, aside)
  } catch (e) {
    // Left in place, the next save replaces it; starting matters more than keeping it.
    console.error(
      `The settings in ${file} could not be read (${problem}) nor moved aside (${(e as Error).message}); started with the defaults.`,
    )
    return { settings: defaults, setAsideTo: null }
  }
  console.error(
    `The settings in ${file} could not be read (${problem}); moved them to ${aside} and started with the defaults.`,
  )
  return { settings: defaults, setAsideTo: aside }
}

export async function saveSettings(configDir: string, settings: Settings): Promise<void> {
  const file = settingsPath(configDir)
  try {
    await writeFileAtomic(file, JSON.stringify(settings, null, 2) + '\n')
  } catch (e) {
    throw new StoreUnavailableError(
      `Cannot save the settings to ${file}: ${(e as Error).message}. Nothing was changed.`,
      { file },
      { cause: e },
    )
  }
}
