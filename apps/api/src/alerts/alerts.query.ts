import { z } from 'zod';
import { pageLimit, pointInTime, timelineCursor } from '../http/time-params';

const SEVERITY = /^(info|low|medium|high|critical)$/;
const severityList = z
  .string()
  .transform((value) => value.split(',').map((s) => s.trim()).filter(Boolean))
  .refine((list) => list.length > 0 && list.every((s) => SEVERITY.test(s)), { message: 'expected severities from info, low, medium, high, critical' });
const ruleId = z.string().regex(/^[a-z0-9-]{1,100}$/, 'expected a rule id');

/** `GET /alerts` */
export const alertsQuerySchema = z
  .object({ rule: ruleId.optional(), severity: severityList.optional(), since: pointInTime.optional(), cursor: timelineCursor.optional(), limit: pageLimit(200, 50) })
  .strict();

/** `GET /alerts.atom` */
export const alertsAtomQuerySchema = z.object({ rule: ruleId.optional(), severity: severityList.optional(), limit: pageLimit(200, 50) }).strict();

/** `GET /alerts/live` */
export const liveAlertsQuerySchema = z.object({ after: z.coerce.number().int().min(0).optional() }).strict();

export const alertParamsSchema = z.object({ id: z.string().regex(/^[a-f0-9]{8,64}$/, 'expected an alert id') }).strict();

export type AlertsQuery = z.output<typeof alertsQuerySchema>;
