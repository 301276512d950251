/** One thing a staff member (or the admin token) did. */
export interface AuditTable {
  id: string;
  at: string;
  /** The user; null for the admin token. */
  actorId: string | null;
  actorName: string;
  /** What was done, as `area.verb`: `auth.sign_in`, `flow.publish`, `handoff.claim`, … */
  action: string;
  /** What it was done to: a flow id, a handoff id, a user's email. */
  target: string | null;
  /** JSON with what else matters (a version, a new role). */
  detail: string | null;
}
