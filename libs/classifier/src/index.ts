export { evaluateClassifier, type Metrics, parseLabelledJsonl } from './classifier.evaluation';
export { classifierConfigSchema, ENTITY_TYPES, type EntityType, type Subtopic, SUBTOPICS } from './classifier.schema';
export { type Classifier, type Topic, TOPIC } from './classifier.types';
export { createClassifier } from './story.classifier';
export { normalise } from './text.normaliser';
