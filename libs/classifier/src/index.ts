export { classifierConfigSchema, SUBTOPICS, ENTITY_TYPES } from './classifier.schema';
export type { ClassifierConfig, ClassifierConfigInput, Subtopic, EntityType } from './classifier.schema';
export { TOPIC } from './classifier.types';
export type { Classification, Classifier, Entities, Evidence, StoryField, StoryInput, Topic } from './classifier.types';
export { CLASSIFIER_CODE_VERSION, classifierVersion } from './classifier.version';
export { createClassifier } from './story.classifier';
export { normalise } from './text.normaliser';
export { evaluateClassifier, parseLabelledJsonl } from './classifier.evaluation';
export type { EvaluationReport, LabelledStory, Metrics, Misclassified } from './classifier.evaluation';
