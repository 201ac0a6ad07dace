export { ConfigFileError, type ConfigIssue } from './config-file.error';
export { ConfigFileWatcher } from './config-file.watcher';
export { loadSettings, SettingsError } from './settings';
export type { Settings } from './settings.schema';
export { loadShippedYamlConfig, loadYamlConfig, parseYamlConfig, shippedConfigPath } from './yaml-file.loader';
