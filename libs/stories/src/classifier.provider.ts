import { existsSync } from 'node:fs';
import { createClassifier, classifierConfigSchema, type Classifier } from '@chipwatch/classifier';
import { loadYamlConfig, shippedConfigPath } from '@chipwatch/config';

/**
 * The classifier built from `path` (the config dir's classifier.yaml), or from the shipped
 * config/classifier.yaml when that file is absent; `source` is the file used. An invalid file
 * throws ConfigFileError (file, line, column, key).
 */
export function loadClassifier(path: string): { classifier: Classifier; source: string } {
  const source = existsSync(path) ? path : shippedConfigPath('classifier.yaml');
  return { classifier: createClassifier(loadYamlConfig(source, classifierConfigSchema)), source };
}
