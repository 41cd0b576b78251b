import { z } from 'zod';

export const ADMIN_USERS_PAGE_SIZE = 25;
export const ADMIN_ANALYTICS_DAYS = 30;
export const ADMIN_DEAD_EVENTS_LIMIT = 50;
export const ADMIN_AUDIT_LOG_LIMIT = 50;

const blankAsUnset = (value: unknown) => (value === '' ? undefined : value);

export const listAdminUsersQuerySchema = z.strictObject({
  search: z.preprocess(blankAsUnset, z.string().trim().max(200).optional()),
  page: z.preprocess(blankAsUnset, z.coerce.number('must be a whole number from 1').int('must be a whole number from 1').min(1).max(10_000).optional()),
});
export type ListAdminUsersQuery = z.infer<typeof listAdminUsersQuerySchema>;

export const adminAnalyticsQuerySchema = z.strictObject({
  days: z.preprocess(blankAsUnset, z.coerce.number('must be 1 to 366').int('must be 1 to 366').min(1).max(366).optional()),
});

export const setAdminBodySchema = z.strictObject({ admin: z.boolean() });
export type SetAdminBody = z.infer<typeof setAdminBodySchema>;

export const adminUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string().nullable(),
  tier: z.string(),
  isAdmin: z.boolean(),
  runs: z.number().int(),
  lastActiveAt: z.string().nullable(),
  createdAt: z.string(),
});
export type AdminUser = z.infer<typeof adminUserSchema>;

export const adminUserListSchema = z.object({
  users: z.array(adminUserSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type AdminUserList = z.infer<typeof adminUserListSchema>;

export const setAdminResultSchema = z.object({ id: z.uuid(), admin: z.boolean(), changed: z.boolean() });

export const adminRunAnalyticsSchema = z.object({
  from: z.string(),
  to: z.string(),
  totals: z.object({
    runs: z.number().int(),
    rated: z.number().int(),
    approved: z.number().int(),
    approvalRate: z.number().nullable(),
    tokens: z.number().int(),
    costUsd: z.number(),
  }),
  days: z.array(
    z.object({
      date: z.string(),
      runs: z.number().int(),
      rated: z.number().int(),
      approved: z.number().int(),
      tokens: z.number().int(),
      costUsd: z.number(),
    }),
  ),
  models: z.array(z.object({ model: z.string(), runs: z.number().int(), tokens: z.number().int(), costUsd: z.number() })),
});
export type AdminRunAnalytics = z.infer<typeof adminRunAnalyticsSchema>;

const windowSchema = z.object({ rated: z.number().int(), approved: z.number().int(), rate: z.number().nullable() });

export const adminAtomStatSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  category: z.string(),
  version: z.number().int(),
  isActive: z.boolean(),
  usageCount: z.number().int(),
  successCount: z.number().int(),
  successRate: z.number().nullable(),
  last7Days: windowSchema,
  previous7Days: windowSchema,
  /** Success rate of the last 7 days minus that of the 7 before; null unless both have verdicts. */
  trend: z.number().nullable(),
});
export type AdminAtomStat = z.infer<typeof adminAtomStatSchema>;
export const adminAtomStatListSchema = z.object({ atoms: z.array(adminAtomStatSchema) });

export const EVENT_STATES = ['received', 'processed', 'skipped', 'failed', 'dead'] as const;
export const STRIPE_EVENT_STATES = ['processed', 'failing', 'pending'] as const;

export const adminHealthSchema = z.object({
  events: z.array(z.object({ status: z.enum(EVENT_STATES), count: z.number().int(), lastAt: z.string().nullable() })),
  queue: z.array(z.object({ state: z.string(), count: z.number().int() })),
  deadEvents: z.array(
    z.object({
      id: z.uuid(),
      userId: z.uuid().nullable(),
      email: z.string().nullable(),
      repository: z.string().nullable(),
      eventType: z.string(),
      reason: z.string().nullable(),
      attempts: z.number().int(),
      createdAt: z.string(),
    }),
  ),
  stripe: z.array(z.object({ state: z.enum(STRIPE_EVENT_STATES), count: z.number().int(), lastReceivedAt: z.string().nullable() })),
  /** Every queue together: jobs due now, running, out of retries, and the oldest due job's age. */
  jobs: z.object({
    ready: z.number().int(),
    active: z.number().int(),
    dead: z.number().int(),
    oldestReadySeconds: z.number().int().nullable(),
  }),
  /** Stripe webhook events not yet applied, and those among them whose last attempt failed. */
  stripeLedger: z.object({ unprocessed: z.number().int(), failed: z.number().int(), oldestUnprocessedAt: z.string().nullable() }),
  /** The daily maintenance's last run (null when it never ran). */
  lastCronRun: z
    .object({ job: z.string(), startedAt: z.string(), finishedAt: z.string(), outcome: z.enum(['succeeded', 'failed']), detail: z.string().nullable() })
    .nullable(),
  /** Migrations applied against those the deployment ships (present is null when the files are not readable). */
  migrations: z.object({
    applied: z.number().int(),
    present: z.number().int().nullable(),
    latestApplied: z.string().nullable(),
    pending: z.array(z.string()),
    unknown: z.array(z.string()),
    upToDate: z.boolean().nullable(),
  }),
});
export type AdminHealth = z.infer<typeof adminHealthSchema>;

export const adminAuditEntrySchema = z.object({
  id: z.uuid(),
  actor: z.enum(['admin', 'script']),
  actorId: z.uuid().nullable(),
  actorEmail: z.string().nullable(),
  action: z.enum(['admin.grant', 'admin.revoke']),
  targetId: z.uuid(),
  targetEmail: z.string().nullable(),
  createdAt: z.string(),
});
export type AdminAuditEntry = z.infer<typeof adminAuditEntrySchema>;
export const adminAuditLogSchema = z.object({ entries: z.array(adminAuditEntrySchema) });
