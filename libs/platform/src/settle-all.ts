/**
 * Waits for every promise, then rejects with the first failure if there was one: work started
 * together is never left running (or rejecting unobserved) beside a retry of the whole.
 */
export async function settleAll(promises: Iterable<Promise<unknown>>): Promise<void> {
  const outcomes = await Promise.allSettled(promises);
  const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}
