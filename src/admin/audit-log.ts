import { z } from 'zod';
import { auditEntrySchema, parse, type AuditEntry } from '../domain/index.js';
import type { Filter, Store } from '../store/index.js';
import { newestFirst, pageQueryShape, type Page } from './page.js';

/** `GET /api/admin/audit`: newest first, a page at a time, optionally narrowed to one actor or target. */
export const auditQuerySchema = z.strictObject({
  /** `limit` default 50, at most 200. */
  ...pageQueryShape(50, 200),
  /** An admin token id, `system`, `cli`… */
  actor: auditEntrySchema.shape.actor.optional(),
  /** `vacancy`, `broadcast`, `admin-token`, `application`… */
  targetType: auditEntrySchema.shape.target.shape.type.optional(),
  targetId: auditEntrySchema.shape.target.shape.id.optional(),
});

/** Who did what, when, to which record: the audit log a page at a time (keyset paging on the id). */
export async function listAudit(store: Store, query: unknown): Promise<Page<AuditEntry>> {
  const { limit, cursor, actor, targetType, targetId } = parse(auditQuerySchema, query, 'audit query');
  const filter: Filter = {
    ...(actor ? { actor } : {}),
    ...(targetType ? { 'target.type': targetType } : {}),
    ...(targetId ? { 'target.id': targetId } : {}),
  };
  return newestFirst((f, o) => store.audit.find(f, o), filter, { limit, cursor });
}
