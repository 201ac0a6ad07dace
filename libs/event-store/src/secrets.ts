/**
 * Credentials (webhook signing secrets, Slack webhook URLs, SMTP passwords) kept beside the log,
 * never in it: the log is readable over REST, exported and replayed, and an event cannot be
 * deleted. Events refer to a secret by key; deleting the key shreds it.
 */
export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  put(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}
