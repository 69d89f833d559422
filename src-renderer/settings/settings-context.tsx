// The user's settings as every screen sees them: read once from main, followed through
// settings.changed (another window, or a store folder opened), and the theme applied to
// the document. Main persists them; the renderer only asks to change them.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react'

import type { ErrorPayload } from '../../shared/errors'
import type { Settings } from '../../shared/ipc/contract'
import { useIpc } from '../ipc/client'

type SettingsUpdate = Partial<Omit<Settings, 'storeLocation'>>

interface SettingsValue {
  /** Null until main answered. */
  settings: Settings | null
  /** Main could not read them: screens that store typed depths must not guess the units. */
  loadError: ErrorPayload | null
  update(change: SettingsUpdate): Promise<ErrorPayload | null>
}

const SettingsContext = createContext<SettingsValue | null>(null)

/** Empty for 'system': the stylesheet then follows prefers-color-scheme. */
function applyTheme(theme: Settings['theme']): void {
  if (theme === 'system') delete document.documentElement.dataset.theme
  else document.documentElement.dataset.theme = theme
}

export function SettingsProvider({ children }: { children: ReactNode }) {
  const ipc = useIpc()
  const [settings, setSettings] = useState<Settings | null>(null)
  const [loadError, setLoadError] = useState<ErrorPayload | null>(null)

  useEffect(() => {
    let isCurrent = true
    void ipc.invoke('settings.get', {}).then((res) => {
      if (!isCurrent) return
      if (res.ok) setSettings(res.value)
      else setLoadError(res.error)
    })
    const off = ipc.on('settings.changed', (next) => {
      setSettings(next)
      setLoadError(null)
    })
    return () => {
      isCurrent = false
      off()
    }
  }, [ipc])

  useEffect(() => {
    if (settings) applyTheme(settings.theme)
  }, [settings])

  const update = useCallback(
    async (change: SettingsUpdate) => {
      const res = await ipc.invoke('settings.update', change)
      if (!res.ok) return res.error
      setSettings(res.value)
      return null
    },
    [ipc],
  )

  return (
    <SettingsContext.Provider value={{ settings, loadError, update }}>
      {children}
    </SettingsContext.Provider>
  )
}

export function useSettings(): SettingsValue {
  const value = useContext(SettingsContext)
  if (!value) throw new Error('useSettings outside SettingsProvider')
  return value
}

/** The units depths are shown in: metres until settings arrive (for screens that only show depths). */
export function useUnits(): Settings['units'] {
  return useSettings().settings?.units ?? 'm'
}

/**
 * The units depths are typed in, for screens that store what is typed: null until main
 * answered (a feet user's depths must never be stored as if typed in metres), with the
 * error when it could not.
 */
export function useTypedUnits(): { units: Settings['units'] | null; error: ErrorPayload | null } {
  const { settings, loadError } = useSettings()
  return { units: settings?.units ?? null, error: settings ? null : loadError }
}

/**
 * The same, for components also drawn outside the app (the strip log's standalone
 * page): metres where there is no SettingsProvider.
 */
export function useUnitsOrMetres(): Settings['units'] {
  return useContext(SettingsContext)?.settings?.units ?? 'm'
}
