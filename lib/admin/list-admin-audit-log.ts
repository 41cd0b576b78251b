import type { Queryable } from '@/lib/db/client';
import { ADMIN_AUDIT_LOG_LIMIT, type AdminAuditEntry } from '@/lib/zod/schemas/admin';

interface AuditRow {
  id: string;
  actor: AdminAuditEntry['actor'];
  actor_id: string | null;
  actor_email: string | null;
  action: AdminAuditEntry['action'];
  target_id: string;
  target_email: string | null;
  created_at: Date;
}

/** The latest grants and revocations of admin, newest first. RLS lets only administrators read them. */
export async function listAdminAuditLog(tx: Queryable): Promise<AdminAuditEntry[]> {
  const rows = await tx<AuditRow[]>`
    select id, actor, actor_id, actor_email, action, target_id, target_email, created_at
    from public.admin_audit_log
    order by created_at desc, id
    limit ${ADMIN_AUDIT_LOG_LIMIT}`;
  return rows.map((row) => ({
    id: row.id,
    actor: row.actor,
    actorId: row.actor_id,
    actorEmail: row.actor_email,
    action: row.action,
    targetId: row.target_id,
    targetEmail: row.target_email,
    createdAt: row.created_at.toISOString(),
  }));
}
