export type { Actor, AuditLog } from "./audit-log.ts";
