// The user's settings as every screen reads them (the provider and its hooks). The
// settings screen itself is loaded lazily by the app shell, so it is not exported here.
export {
  SettingsProvider,
  useSettings,
  useTypedUnits,
  useUnits,
  useUnitsOrMetres,
} from './settings-context'
