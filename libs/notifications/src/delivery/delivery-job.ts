import type { JobRequest } from '@chipwatch/queue';
import type { DeliveryRequest } from './notification-plan';
import { deliveryJobId } from './notification-plan';

declare module '@chipwatch/queue' {
  interface JobMap {
    /** One attempt at sending one notification (a story cluster, to one subscription). */
    'deliver-notification': DeliveryRequest & {
      /** Times this attempt was put back to wait because its subscription had every send slot busy. */
      deferrals?: number;
    };
  }
}

/**
 * The `deliver-notification` job for one attempt, under its derived id: the dispatcher, the retry
 * schedule and the reconciler queue the same attempt under the same id, so it is sent once.
 */
export function deliveryJob(request: DeliveryRequest, delayMs = 0): JobRequest<'deliver-notification'> {
  return { name: 'deliver-notification', jobId: deliveryJobId(request, request.attempt), data: request, delayMs };
}

/**
 * The same attempt put back to wait (its subscription's send slots all busy), under an id derived
 * from the attempt and the number of waits, so a retried handler adds the waiting job only once.
 */
export function deferredDeliveryJob(request: DeliveryRequest, deferrals: number, delayMs: number): JobRequest<'deliver-notification'> {
  return {
    name: 'deliver-notification',
    jobId: `${deliveryJobId(request, request.attempt)}:wait${deferrals}`,
    data: { ...request, deferrals },
    delayMs,
  };
}
