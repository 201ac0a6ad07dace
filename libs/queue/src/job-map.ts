/**
 * Every job chipwatch runs, by name. The queue declares none itself: each lib adds the jobs it
 * owns beside their payloads and job builders, by augmenting this interface
 * (`declare module '@chipwatch/queue' { interface JobMap { 'classify-story': { storyId: string } } }`),
 * so this lib holds no domain types. Queue and job names are persisted strings (BullMQ keys,
 * logs, metrics): never rename one; add a new name instead.
 * @public augmented by the libs that own the jobs
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface JobMap {}

export type JobName = keyof JobMap;
