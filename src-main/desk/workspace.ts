// What outlives one store: the settings, the event hub and the task registry, sync, and
// the store session that is open now. Electron and the browser host serve the workspace,
// and each call goes to the session open when it arrives, so switching the store folder
// swaps the session under the same windows. Switching is all or nothing: the new
// store is opened and the settings saved before the old session closes; any failure leaves
// the old store open and the settings as they were.
import { mkdir, readdir, stat } from 'node:fs/promises'
import { isAbsolute, join, resolve } from 'node:path'

import {
  BadInputError,
  BorelogError,
  NotFoundError,
  StoreUnavailableError,
} from '../../shared/errors'
import {
  SettingsSchema,
  type ParsedRequestOf,
  type Settings,
  type StoreInfo,
} from '../../shared/ipc/contract'
import { openObjectStore } from '../object-store/index'
import { storeLocationKind } from '../store/index'
import { defaultStoreDir, defaultUser, expandHome, isDefaultSampleStore } from './defaults'
import { EventHub } from './events'
import { appIdentity, type Identity } from './identity'
import { storeInfo } from './review'
import { ensureSampleStore } from './sample-store'
import { openSession, type Session } from './session'
import { loadSettings, saveSettings } from './settings-file'
import { SyncDesk } from './sync-desk'
import { TaskRegistry } from './tasks'

export interface WorkspaceOptions {
  /** Where settings.json and working drafts live. */
  configDir: string
  host: 'electron' | 'browser'
  /** --store / BORELOG_STORE, --user / BORELOG_USER: win for this run, never saved. */
  overrides?: { storeLocation?: string; userName?: string }
  /** resources/samples: fills the embedded sample store the first time it opens. */
  samplesDir?: string
  /** How often other writers' changes are looked for; 0 disables (tests). */
  watchIntervalMs?: number
  decodeWorker?: URL
  /** How long sync.status answers from its last look. */
  syncStatusTtlMs?: number
}

async function entriesOf(dir: string): Promise<string[] | null> {
  try {
    return await readdir(dir)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    if ((e as NodeJS.ErrnoException).code === 'ENOTDIR')
      throw new BadInputError(`${dir} is a file, not a folder: choose a folder for the store.`, {
        location: dir,
      })
    throw new BadInputError(`Cannot open ${dir}: ${(e as Error).message}`, { location: dir })
  }
}

export class Workspace {
  readonly events = new EventHub()
  readonly tasks = new TaskRegistry(this.events)
  readonly sync: SyncDesk

  private session: Session | null = null
  /** Who this run signs as; set by open before any session opens. */
  private identity!: Identity
  /** Settings changes and store switches one at a time: each saves the whole file. */
  private queue: Promise<unknown> = Promise.resolve()
  private readonly overrides: { storeLocation?: string; userName?: string }

  private constructor(
    private readonly options: WorkspaceOptions,
    private saved: Settings,
  ) {
    this.overrides = { ...options.overrides }
    this.sync = new SyncDesk({
      remote: () => this.saved.remote,
      user: () => this.user(),
      events: this.events,
      tasks: this.tasks,
      ...(options.syncStatusTtlMs !== undefined ? { statusTtlMs: options.syncStatusTtlMs } : {}),
    })
  }

  /**
   * Reads the settings (a malformed file is set aside, defaults used) and opens the store:
   * the run's override, else the saved location. A saved store that cannot be opened (a
   * drive not mounted) falls back to the sample store for this run, so the app still starts.
   */
  static async open(options: WorkspaceOptions): Promise<Workspace> {
    const defaults: Settings = {
      storeLocation: defaultStoreDir(options.configDir),
      userName: defaultUser(),
      units: 'm',
      theme: 'system',
      remote: null,
    }
    const { settings } = await loadSettings(options.configDir, defaults)
    const workspace = new Workspace(options, settings)
    workspace.identity = await appIdentity(
      options.configDir,
      workspace.overrides.userName,
      settings,
    )
    const override = workspace.overrides.storeLocation
    if (override !== undefined) {
      // Tests and scripts point the host at a fresh or copied folder: it is used as is.
      await mkdir(override, { recursive: true })
      if (isDefaultSampleStore(override, options.configDir) && options.samplesDir)
        await ensureSampleStore(override, options.samplesDir)
      workspace.session = await workspace.openSessionAt(override)
      return workspace
    }
    try {
      const location = await workspace.checkStoreFolder(settings.storeLocation, false)
      workspace.session = await workspace.openSessionAt(location)
    } catch (e) {
      if (!(e instanceof BorelogError)) throw e
      const sample = defaultStoreDir(options.configDir)
      console.error(`${e.message} Opening the sample store ${sample} instead.`)
      workspace.overrides.storeLocation = sample
      workspace.session = await workspace.openSessionAt(
        await workspace.checkStoreFolder(sample, true),
      )
    }
    return workspace
  }

  /** False once closed: the app is shutting down and serves no more calls. */
  get isOpen(): boolean {
    return this.session !== null
  }

  /** The session open now: every call goes to the one open when it arrives. */
  current(): Session {
    if (!this.session) throw new StoreUnavailableError('The app is closing; nothing was done.')
    return this.session
  }

  /** The settings in effect: the saved ones with this run's overrides. */
  settings(): Settings {
    return {
      ...this.saved,
      ...this.overrides,
      userName: this.identity.name,
      identityFingerprint: this.identity.fingerprint,
    }
  }

  user(): string {
    return this.identity.name
  }

  get location(): string {
    return this.current().location
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work)
    // The queue only orders the work; each caller gets its own result or error.
    this.queue = next.catch(() => undefined)
    return next
  }

  updateSettings(update: ParsedRequestOf<'settings.update'>): Promise<Settings> {
    return this.serialized(async () => {
      // The name is the signing identity's: a request (a renderer) never chooses it.
      if (update.userName !== undefined)
        throw new BadInputError(
          `The user name is your signing identity's ("${this.identity.name}") and cannot be changed here; use borelog-desk identity init --name NAME, then restart. Nothing was saved.`,
          { field: 'userName' },
        )
      const remote = update.remote
        ? { ...update.remote, url: this.checkRemote(update.remote.url) }
        : update.remote
      const parsed = SettingsSchema.safeParse({
        ...this.saved,
        ...update,
        ...(remote !== undefined ? { remote } : {}),
      })
      if (!parsed.success)
        throw new BadInputError(
          `Settings not saved: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`,
        )
      const chosen = parsed.data.remote
      // A new remote is looked at before it is saved: sync must never write among other files.
      if (chosen && JSON.stringify(chosen) !== JSON.stringify(this.saved.remote))
        await this.sync.checkRemote(chosen)
      await saveSettings(this.options.configDir, parsed.data)
      this.saved = parsed.data
      const settings = this.settings()
      this.events.emit('settings.changed', settings)
      return settings
    })
  }

  openStore(location: string, create: boolean): Promise<StoreInfo> {
    return this.serialized(async () => {
      const folder = await this.checkStoreFolder(location, create)
      if (create) await mkdir(join(folder, 'records'), { recursive: true })
      const next = await this.openSessionAt(folder)
      const saved = { ...this.saved, storeLocation: next.location }
      try {
        await saveSettings(this.options.configDir, saved)
      } catch (e) {
        await next.close()
        throw e
      }
      const old = this.session
      this.session = next
      this.saved = saved
      delete this.overrides.storeLocation
      // Switched: say so before anything else can fail, so no screen stays on the old store.
      this.events.emit('settings.changed', this.settings())
      this.events.emit('store.changed', { recordIds: [] })
      await old
        ?.close()
        .catch((e: unknown) => console.error(`Closing the previous store failed.`, e))
      return storeInfo(next)
    })
  }

  /**
   * A remote is an s3:// URL or an absolute folder (a shared drive), never the open store
   * itself: a relative path would resolve against wherever the app was started.
   */
  private checkRemote(url: string): string {
    const expanded = expandHome(url.trim())
    if (expanded.startsWith('s3://')) return expanded
    if (!isAbsolute(expanded))
      throw new BadInputError(
        `Remote "${url}" is neither an s3:// URL nor an absolute folder path. Nothing was saved.`,
        { remote: url },
      )
    const folder = resolve(expanded)
    if (folder === resolve(this.current().location))
      throw new BadInputError(
        `Remote "${url}" is the store that is open here; a remote is another store to sync with. Nothing was saved.`,
        { remote: url },
      )
    return folder
  }

  /**
   * The absolute folder to open. A store is what store/store-or-empty.ts says (or the
   * sample store, filled on first open); create makes the folder but never writes a store
   * among other files.
   */
  private async checkStoreFolder(location: string, create: boolean): Promise<string> {
    const expanded = expandHome(location.trim())
    if (expanded.startsWith('s3://'))
      throw new BadInputError(
        `${location} is a remote: the open store is a local folder (it works offline). Enter ${location} as the remote in Settings to sync with it.`,
        { location },
      )
    if (!isAbsolute(expanded))
      throw new BadInputError(`${location} is not an absolute folder path: choose a folder.`, {
        location,
      })
    const folder = resolve(expanded)
    const isSample = isDefaultSampleStore(folder, this.options.configDir)
    if ((await entriesOf(folder)) === null) {
      if (!create && !isSample)
        throw new NotFoundError(
          `${folder} does not exist; choose Create to make a new store there.`,
          { location: folder },
        )
      await mkdir(folder, { recursive: true })
    } else if (!(await stat(folder)).isDirectory()) {
      throw new BadInputError(`${folder} is not a folder.`, { location: folder })
    }
    const kind = isSample ? 'store' : await storeLocationKind(openObjectStore(folder))
    if (kind !== 'store' && !create)
      throw new BadInputError(`${folder} is not a Borelog store; choose Create to make one.`, {
        location: folder,
      })
    if (kind === 'other')
      throw new BadInputError(
        `${folder} holds other files; a new store needs an empty folder. Choose or make an empty one.`,
        { location: folder },
      )
    if (isSample && this.options.samplesDir)
      await ensureSampleStore(folder, this.options.samplesDir)
    return folder
  }

  private openSessionAt(storeDir: string): Promise<Session> {
    return openSession({
      storeDir,
      configDir: this.options.configDir,
      host: this.options.host,
      user: () => this.user(),
      signer: this.identity.signer,
      events: this.events,
      tasks: this.tasks,
      ...(this.options.watchIntervalMs !== undefined
        ? { watchIntervalMs: this.options.watchIntervalMs }
        : {}),
      ...(this.options.decodeWorker ? { decodeWorker: this.options.decodeWorker } : {}),
    })
  }

  async close(): Promise<void> {
    const session = this.session
    this.session = null
    this.sync.close()
    await session?.close()
  }
}
