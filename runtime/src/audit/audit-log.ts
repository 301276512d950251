import type { Kysely, Selectable } from "kysely";
import type { Tables } from "../db/index.ts";
import type { AuditTable } from "./audit.table.ts";

/** Who acted: a user, or the admin token (no user). */
export interface Actor {
  userId: string | null;
  name: string;
}

/** An entry as the API gives it: its detail parsed. */
export type AuditEntry = Omit<Selectable<AuditTable>, "detail"> & {
  detail: Record<string, unknown> | null;
};

/** Writes and reads the audit log: who did what, and when. */
export interface AuditLog {
  record(
    actor: Actor,
    action: string,
    target?: string | null,
    detail?: Record<string, unknown>,
  ): Promise<void>;
  /** The latest entries first, `before` an entry's time to page on. */
  list(options: { limit: number; before?: string; action?: string }): Promise<AuditEntry[]>;
}

/** @example const audit = createAuditLog(db); await audit.record(actor, "flow.publish", "support", { version: 3 }); */
export function createAuditLog(db: Kysely<Tables>): AuditLog {
  return {
    async record(actor, action, target = null, detail) {
      await db
        .insertInto("auditLog")
        .values({
          id: crypto.randomUUID(),
          at: new Date().toISOString(),
          actorId: actor.userId,
          actorName: actor.name,
          action,
          target,
          detail: detail ? JSON.stringify(detail) : null,
        })
        .execute();
    },
    async list({ limit, before, action }) {
      let query = db.selectFrom("auditLog").selectAll().orderBy("at", "desc").limit(limit);
      if (before) query = query.where("at", "<", before);
      if (action) query = query.where("action", "=", action);
      return (await query.execute()).map(toEntry);
    },
  };
}

function toEntry(row: Selectable<AuditTable>): AuditEntry {
  return {
    ...row,
    detail: row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : null,
  };
}
