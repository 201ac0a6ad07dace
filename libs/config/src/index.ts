export { ConfigFileError, formatIssue, type ConfigIssue } from './config-file.error';
export { loadShippedYamlConfig, loadYamlConfig, parseYamlConfig, shippedConfigPath } from './yaml-file.loader';
export { loadSettings, SettingsError } from './settings';
export { isLoopbackHost, type Settings } from './settings.schema';
export { ConfigFileWatcher, type ConfigFileWatcherOptions } from './config-file.watcher';
