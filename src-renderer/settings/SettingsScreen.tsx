// Settings: the store folder (open one, or create a new one), the signing identity
// (name and key fingerprint, read-only), the units depths are shown in, the theme, and
// the S3 (or shared folder) remote sync uses. Each section saves on its own, so a typo
// in the remote never holds back the display settings. Main persists them.
import { useState, type ReactNode } from 'react'

import type { ErrorPayload } from '../../shared/errors'
import { THEMES, UNITS, type Settings } from '../../shared/ipc/contract'
import { ErrorBanner, Loading } from '../components/common'
import { RadioGroup, TextField } from '../components/form'
import { ScreenHeader } from '../components/ScreenHeader'
import { useCall, useIpc } from '../ipc/client'
import { navigate } from '../router'
import { useSettings } from './settings-context'
import {
  formFromRemote,
  remoteFromForm,
  remoteProblems,
  storeLocationProblem,
  type RemoteForm,
  type RemoteProblems,
} from './settings-form'

type Toast = (message: string) => void

const UNIT_LABELS: Record<(typeof UNITS)[number], string> = { m: 'Metres (m)', ft: 'Feet (ft)' }
const THEME_LABELS: Record<(typeof THEMES)[number], string> = {
  system: 'Same as the system',
  light: 'Light',
  dark: 'Dark',
}

export function SettingsScreen({ onToast }: { onToast: Toast }) {
  const { settings } = useSettings()
  // Read again here only to show why settings could not be read.
  const read = useCall('settings.get', settings ? null : {}, 'settings')
  return (
    <section className="screen settings-screen" aria-labelledby="settings-title">
      <ScreenHeader titleId="settings-title" title="Settings">
        Saved on this computer; each section saves on its own.
      </ScreenHeader>
      {settings ? (
        <div className="settings-sections">
          <StoreSection settings={settings} onToast={onToast} />
          <IdentitySection settings={settings} />
          <DisplaySection settings={settings} onToast={onToast} />
          <RemoteSection settings={settings} onToast={onToast} />
        </div>
      ) : read.status === 'error' ? (
        <ErrorBanner error={read.error} />
      ) : (
        <Loading label="Reading settings…" />
      )}
    </section>
  )
}

/** What to do when a store folder cannot be opened (main's messages say what and where). */
const STORE_HINTS: Partial<Record<ErrorPayload['code'], string>> = {
  NOT_FOUND: 'Check the folder path, or choose Create new store to make a store there.',
  BAD_INPUT: 'Type the full path of a folder; Create new store makes a store in an empty one.',
}

function SectionActions({
  children,
  error,
  hints,
}: {
  children: ReactNode
  error: ErrorPayload | null
  hints?: Partial<Record<ErrorPayload['code'], string>>
}) {
  return (
    <>
      {error && <ErrorBanner error={error} {...(hints ? { hints } : {})} />}
      <div className="actions section-actions">{children}</div>
    </>
  )
}

function StoreSection({ settings, onToast }: { settings: Settings; onToast: Toast }) {
  const ipc = useIpc()
  const [location, setLocation] = useState(settings.storeLocation)
  const [problem, setProblem] = useState<string | null>(null)
  const [error, setError] = useState<ErrorPayload | null>(null)
  const [busy, setBusy] = useState<'open' | 'create' | null>(null)

  const open = async (create: boolean) => {
    const p = storeLocationProblem(location)
    setProblem(p)
    setError(null)
    if (p) return
    setBusy(create ? 'create' : 'open')
    const res = await ipc.invoke('store.open', { location: location.trim(), create })
    setBusy(null)
    if (!res.ok) return setError(res.error)
    onToast(
      `${create ? 'Created and opened' : 'Opened'} the store ${res.value.location} (${res.value.recordCount} records).`,
    )
    navigate({ name: 'records' })
  }

  return (
    <section className="card settings-section" aria-labelledby="settings-store">
      <h2 id="settings-store">Store</h2>
      <p className="section-note">
        The folder holding the records on this computer. Open an existing store, or create a new
        empty one in an empty folder.
      </p>
      <TextField
        label="Store folder"
        value={location}
        onChange={setLocation}
        problem={problem}
        className="field-wide"
        hint={`Open now: ${settings.storeLocation}`}
      />
      <SectionActions error={error} hints={STORE_HINTS}>
        <button
          type="button"
          className="button button-primary"
          disabled={busy !== null}
          onClick={() => void open(false)}
        >
          {busy === 'open' ? 'Opening…' : 'Open'}
        </button>
        <button
          type="button"
          className="button"
          disabled={busy !== null}
          onClick={() => void open(true)}
        >
          {busy === 'create' ? 'Creating…' : 'Create new store'}
        </button>
      </SectionActions>
    </section>
  )
}

function useSave(onToast: Toast) {
  const { update } = useSettings()
  const [error, setError] = useState<ErrorPayload | null>(null)
  const [isSaving, setIsSaving] = useState(false)
  const save = async (change: Parameters<typeof update>[0], message: string) => {
    setIsSaving(true)
    setError(null)
    const failure = await update(change)
    setIsSaving(false)
    if (failure) setError(failure)
    else onToast(message)
  }
  return { save, error, isSaving }
}

/**
 * Who this app signs as: read-only. The name is the signing identity's and a renderer
 * cannot change it (see docs/SECURITY.md, "Identity"); it changes with the CLI.
 */
function IdentitySection({ settings }: { settings: Settings }) {
  return (
    <section className="card settings-section" aria-labelledby="settings-user">
      <h2 id="settings-user">You</h2>
      <dl className="identity-facts" data-testid="identity">
        <dt>Name</dt>
        <dd data-testid="identity-name">{settings.userName}</dd>
        <dt>Key fingerprint</dt>
        <dd className="mono" data-testid="identity-fingerprint">
          {settings.identityFingerprint ?? 'unknown'}
        </dd>
      </dl>
      <p className="muted small">
        Versions you save and reviews you give are recorded under this name and signed with this
        key, kept in your config folder. To use another name, run{' '}
        <code>borelog-desk identity init --name NAME</code> and restart.
      </p>
    </section>
  )
}

function DisplaySection({ settings, onToast }: { settings: Settings; onToast: Toast }) {
  const [units, setUnits] = useState(settings.units)
  const [theme, setTheme] = useState(settings.theme)
  const { save, error, isSaving } = useSave(onToast)
  return (
    <form
      className="card settings-section"
      aria-labelledby="settings-display"
      onSubmit={(e) => {
        e.preventDefault()
        void save({ units, theme }, 'Saved the display settings.')
      }}
    >
      <h2 id="settings-display">Display</h2>
      <RadioGroup
        label="Depths shown in"
        value={units}
        options={UNITS.map((u) => ({ value: u, label: UNIT_LABELS[u] }))}
        onChange={setUnits}
      />
      <p className="field-hint">
        Depths are always stored in metres; this changes what you see and type.
      </p>
      <RadioGroup
        label="Theme"
        value={theme}
        options={THEMES.map((t) => ({ value: t, label: THEME_LABELS[t] }))}
        onChange={setTheme}
      />
      <SectionActions error={error}>
        <button type="submit" className="button button-primary" disabled={isSaving}>
          {isSaving ? 'Saving…' : 'Save display'}
        </button>
      </SectionActions>
    </form>
  )
}

function RemoteSection({ settings, onToast }: { settings: Settings; onToast: Toast }) {
  const [form, setForm] = useState<RemoteForm>(formFromRemote(settings.remote))
  const [problems, setProblems] = useState<RemoteProblems>({})
  const { save, error, isSaving } = useSave(onToast)
  const field = (key: keyof RemoteForm) => ({
    value: form[key],
    onChange: (value: string) => setForm((f) => ({ ...f, [key]: value })),
    problem: problems[key],
  })
  return (
    <form
      className="card settings-section"
      aria-labelledby="settings-remote"
      onSubmit={(e) => {
        e.preventDefault()
        const p = remoteProblems(form)
        setProblems(p)
        if (Object.keys(p).length === 0)
          void save({ remote: remoteFromForm(form) }, 'Saved the sync remote.')
      }}
    >
      <h2 id="settings-remote">Sync remote</h2>
      <p className="section-note">
        {settings.remote
          ? `Syncing with ${settings.remote.url}.`
          : 'No remote yet: this store works offline only.'}{' '}
        Credentials come from the standard AWS chain (environment, shared config and profiles).
      </p>
      <div className="form-grid">
        <TextField
          label="Remote (s3://bucket/prefix or a folder)"
          placeholder="s3://borelogs/site-a"
          className="field-wide"
          {...field('url')}
        />
        <TextField
          label="Endpoint (S3-compatible; empty for AWS)"
          placeholder="https://s3.example.com"
          {...field('endpoint')}
        />
        <TextField label="Region" placeholder="eu-west-2" {...field('region')} />
        <TextField label="Profile" placeholder="default" {...field('profile')} />
      </div>
      <SectionActions error={error}>
        <button type="submit" className="button button-primary" disabled={isSaving}>
          {isSaving ? 'Saving…' : 'Save remote'}
        </button>
        {settings.remote && (
          <button
            type="button"
            className="button button-reject"
            disabled={isSaving}
            onClick={() => {
              setForm(formFromRemote(null))
              setProblems({})
              void save({ remote: null }, 'Removed the sync remote.')
            }}
          >
            Remove remote
          </button>
        )}
      </SectionActions>
    </form>
  )
}
