import { existsSync } from 'node:fs';
import { createClassifier, classifierConfigSchema, defaultClassifierConfig, type Classifier } from '@chipwatch/classifier';
import { loadYamlConfig } from '@chipwatch/config';

/**
 * The classifier built from `classifier.yaml` in the config dir, or from the shipped defaults
 * when the file is absent. An invalid file throws ConfigFileError (file, line, column, key).
 */
export function loadClassifier(path: string): { classifier: Classifier; source: string } {
  if (!existsSync(path)) return { classifier: createClassifier(defaultClassifierConfig), source: 'built-in defaults' };
  return { classifier: createClassifier(loadYamlConfig(path, classifierConfigSchema)), source: path };
}
