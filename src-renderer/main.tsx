// Renderer entry: picks the transport (Electron bridge or browser host) once and
// hands it to every screen through context.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'

import { App } from './App'
import { createIpcClient, IpcProvider } from './ipc/client'
import { SettingsProvider } from './settings'
import './styles.css'

const { client } = createIpcClient()
const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root')
createRoot(root).render(
  <StrictMode>
    <IpcProvider value={client}>
      <SettingsProvider>
        <App />
      </SettingsProvider>
    </IpcProvider>
  </StrictMode>,
)
