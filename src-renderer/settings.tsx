// The user's settings as every screen sees them: read once from main, followed through
// settings.changed (another window, or a store folder opened), and the theme applied to
// the document. Main persists them; the renderer only asks to change them.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react'

import type { ErrorPayload } from '../shared/errors'
import type { Settings } from '../shared/ipc/contract'
import { useIpc } from './ipc/client'

type SettingsUpdate = Partial<Omit<Settings, 'storeLocation'>>

interface SettingsValue {
  /** Null until main answered. */
  settings: Settings | null
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

  useEffect(() => {
    let isCurrent = true
    void ipc.invoke('settings.get', {}).then((res) => {
      if (isCurrent && res.ok) setSettings(res.value)
    })
    const off = ipc.on('settings.changed', (next) => setSettings(next))
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
    <SettingsContext.Provider value={{ settings, update }}>{children}</SettingsContext.Provider>
  )
}

export function useSettings(): SettingsValue {
  const value = useContext(SettingsContext)
  if (!value) throw new Error('useSettings outside SettingsProvider')
  return value
}

/** The units depths are shown in: metres until settings arrive. */
export function useUnits(): Settings['units'] {
  return useSettings().settings?.units ?? 'm'
}

/**
 * The same, for components also drawn outside the app (the strip log's standalone
 * page): metres where there is no SettingsProvider.
 */
export function useUnitsOrMetres(): Settings['units'] {
  return useContext(SettingsContext)?.settings?.units ?? 'm'
}
