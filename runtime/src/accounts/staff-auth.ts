import { timingSafeEqual } from "node:crypto";
import type { Kysely } from "kysely";
import type { Actor, AuditLog } from "../audit/index.ts";
import type { TokenChecker } from "../auth/index.ts";
import { createRateLimiter } from "../conversations/index.ts";
import type { Tables } from "../db/index.ts";
import { AppError } from "../errors.ts";
import { verifyPassword } from "./passwords.ts";
import type { Role } from "./roles.ts";
import { digestOf, newSecretToken } from "./secret-token.ts";
import { findUserByEmail, toUser, type User, type UserRow } from "./users.repository.ts";

/** How long a studio session lasts after sign-in. */
export const SESSION_HOURS = 12;
/** Sign-in attempts per minute for one account, and from one client address (an office shares one). */
const SIGN_INS_PER_ACCOUNT = 10;
const SIGN_INS_PER_ADDRESS = 50;

/** Who is calling a staff route, as established by the guard. */
export interface Principal extends Actor {
  role: Role;
  /** How: the admin token, a studio session cookie, or a personal API token. */
  via: "admin_token" | "session" | "api_token";
  email: string | null;
  /** The session's CSRF token; only for `via: "session"`. */
  csrfToken?: string;
}

/** What the guard reads of a request to find who is calling. */
interface StaffCredentials {
  bearer?: string;
  sessionToken?: string;
  method: string;
  csrfHeader?: string;
}

/** A personal API token as listed: never its secret. */
export interface StaffApiToken {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/**
 * Staff authentication: the admin token (automation), studio sessions (cookie + CSRF token) and
 * personal API tokens. Every check reads the user's row, so deactivating a user stops their
 * sessions and tokens on their next request.
 */
export interface StaffAuth extends TokenChecker {
  /** The caller, or undefined when the credentials are missing or wrong. @throws AppError `forbidden` for a session request without its CSRF token. */
  authenticate(credentials: StaffCredentials): Promise<Principal | undefined>;
  signIn(
    email: string,
    password: string,
    address: string,
  ): Promise<{ sessionToken: string; csrfToken: string; user: User }>;
  signOut(sessionToken: string | undefined, actor: Principal): Promise<void>;
  createApiToken(user: Principal, name: string): Promise<StaffApiToken & { token: string }>;
  listApiTokens(user: Principal): Promise<StaffApiToken[]>;
  revokeApiToken(user: Principal, id: string): Promise<void>;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** @example const staff = createStaffAuth({ db, tokens, audit }); */
export function createStaffAuth({
  db,
  tokens,
  audit,
}: {
  db: Kysely<Tables>;
  tokens: TokenChecker;
  audit: AuditLog;
}): StaffAuth {
  const perAccount = createRateLimiter(SIGN_INS_PER_ACCOUNT);
  const perAddress = createRateLimiter(SIGN_INS_PER_ADDRESS);
  const principalOf = (
    user: Pick<UserRow, "id" | "name" | "email" | "role">,
    via: Principal["via"],
    csrfToken?: string,
  ): Principal => ({
    userId: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    via,
    csrfToken,
  });
  const requireUser = (actor: Principal): string => {
    if (!actor.userId)
      throw new AppError("invalid_request", "The admin token has no personal API tokens.");
    return actor.userId;
  };

  return {
    accessOf: (token) => tokens.accessOf(token),

    async authenticate({ bearer, sessionToken, method, csrfHeader }) {
      if (bearer) {
        if (tokens.accessOf(bearer) === "admin")
          return { userId: null, name: "admin", email: null, role: "admin", via: "admin_token" };
        const row = await db
          .selectFrom("apiTokens")
          .innerJoin("users", "users.id", "apiTokens.userId")
          .select([
            "apiTokens.id as tokenId",
            "users.id",
            "users.name",
            "users.email",
            "users.role",
          ])
          .where("apiTokens.tokenHash", "=", digestOf(bearer))
          .where("apiTokens.revokedAt", "is", null)
          .where("users.active", "=", 1)
          .executeTakeFirst();
        if (!row) return undefined;
        await db
          .updateTable("apiTokens")
          .set({ lastUsedAt: new Date().toISOString() })
          .where("id", "=", row.tokenId)
          .execute();
        return principalOf(row, "api_token");
      }
      if (!sessionToken) return undefined;
      const row = await db
        .selectFrom("staffSessions")
        .innerJoin("users", "users.id", "staffSessions.userId")
        .select(["users.id", "users.name", "users.email", "users.role", "staffSessions.csrfToken"])
        .where("staffSessions.tokenHash", "=", digestOf(sessionToken))
        .where("staffSessions.expiresAt", ">", new Date().toISOString())
        .where("users.active", "=", 1)
        .executeTakeFirst();
      if (!row) return undefined;
      if (!SAFE_METHODS.has(method.toUpperCase()) && !sameToken(csrfHeader, row.csrfToken))
        throw new AppError(
          "forbidden",
          "This request needs the session's X-CSRF-Token header (from GET /api/auth/me).",
        );
      return principalOf(row, "session", row.csrfToken);
    },

    async signIn(email, password, address) {
      const account = email.trim().toLowerCase();
      for (const [limiter, key] of [
        [perAccount, account],
        [perAddress, address],
      ] as const) {
        const taken = limiter.take(key);
        if (!taken.ok)
          throw new AppError(
            "rate_limited",
            `Too many sign-in attempts; try again in ${taken.retryAfterSeconds} seconds.`,
          );
      }
      const user = await findUserByEmail(db, account);
      // Verified whether or not the account exists, so the answer and its time are the same.
      const matches = await verifyPassword(password, user?.passwordHash ?? null);
      if (!user || !matches || user.active !== 1) {
        await audit.record(
          { userId: user?.id ?? null, name: account },
          "auth.sign_in_failed",
          account,
        );
        throw new AppError("unauthorized", "The email or the password is wrong.");
      }
      const sessionToken = newSecretToken("sb_session_");
      const csrfToken = newSecretToken("");
      const now = new Date();
      await db
        .insertInto("staffSessions")
        .values({
          tokenHash: digestOf(sessionToken),
          userId: user.id,
          csrfToken,
          createdAt: now.toISOString(),
          expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
        })
        .execute();
      await audit.record({ userId: user.id, name: user.name }, "auth.sign_in", user.email);
      return { sessionToken, csrfToken, user: toUser(user) };
    },

    async signOut(sessionToken, actor) {
      if (sessionToken)
        await db
          .deleteFrom("staffSessions")
          .where("tokenHash", "=", digestOf(sessionToken))
          .execute();
      await audit.record(actor, "auth.sign_out", actor.email);
    },

    async createApiToken(actor, name) {
      const userId = requireUser(actor);
      const token = newSecretToken("sb_pat_");
      const row = {
        id: crypto.randomUUID(),
        userId,
        name,
        tokenHash: digestOf(token),
        createdAt: new Date().toISOString(),
        lastUsedAt: null,
        revokedAt: null,
      };
      await db.insertInto("apiTokens").values(row).execute();
      await audit.record(actor, "token.create", name, { tokenId: row.id });
      return { id: row.id, name, createdAt: row.createdAt, lastUsedAt: null, token };
    },

    async listApiTokens(actor) {
      return db
        .selectFrom("apiTokens")
        .select(["id", "name", "createdAt", "lastUsedAt"])
        .where("userId", "=", requireUser(actor))
        .where("revokedAt", "is", null)
        .orderBy("createdAt")
        .execute();
    },

    async revokeApiToken(actor, id) {
      const { numUpdatedRows } = await db
        .updateTable("apiTokens")
        .set({ revokedAt: new Date().toISOString() })
        .where("id", "=", id)
        .where("userId", "=", requireUser(actor))
        .where("revokedAt", "is", null)
        .executeTakeFirst();
      if (numUpdatedRows === 0n) throw new AppError("not_found", `You have no API token "${id}".`);
      await audit.record(actor, "token.revoke", id);
    },
  };
}

function sameToken(given: string | undefined, expected: string): boolean {
  if (!given || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
