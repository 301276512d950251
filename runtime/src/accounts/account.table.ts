import type { Role } from "./roles.ts";

/** A staff member: someone who signs in to the studio or calls the API with a personal token. */
export interface UserTable {
  id: string;
  /** Lowercased; the sign-in name. */
  email: string;
  /** Shown to customers on an agent's messages, and in the audit log. */
  name: string;
  role: Role;
  /** argon2id; null until the user accepts their invite. */
  passwordHash: string | null;
  /** 1, or 0 once deactivated: the user's sessions and tokens stop working at once. */
  active: number;
  createdAt: string;
}

/** A studio session, behind an HttpOnly cookie that holds the token whose digest is the key. */
export interface StaffSessionTable {
  tokenHash: string;
  userId: string;
  /** Sent back in `X-CSRF-Token` on every state-changing request of the session. */
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

/** A personal API token for scripts: shown once, stored as its digest. */
export interface ApiTokenTable {
  id: string;
  userId: string;
  name: string;
  tokenHash: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Invite: a new user sets their password; reset: an existing user sets a new one. */
export type InviteKind = "invite" | "reset";

/** A one-time link, stored as its token's digest. */
export interface InviteTable {
  tokenHash: string;
  kind: InviteKind;
  email: string;
  role: Role;
  /** The user a reset is for; null for an invite. */
  userId: string | null;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}
