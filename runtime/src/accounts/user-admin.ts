import type { Kysely } from "kysely";
import type { Actor, AuditLog } from "../audit/index.ts";
import type { Tables } from "../db/index.ts";
import { AppError } from "../errors.ts";
import type { InviteKind } from "./account.table.ts";
import { hashPassword, MIN_PASSWORD_LENGTH } from "./passwords.ts";
import type { Role } from "./roles.ts";
import { digestOf, newSecretToken } from "./secret-token.ts";
import {
  findUserByEmail,
  findUserById,
  insertUser,
  listUsers,
  toUser,
  type User,
  updateUser,
} from "./users.repository.ts";

/** How long a one-time link works. */
const LINK_HOURS: Record<InviteKind, number> = { invite: 7 * 24, reset: 24 };

/** A one-time link's token, shown once to the admin who made it. */
export interface OneTimeLink {
  token: string;
  kind: InviteKind;
  email: string;
  role: Role;
  expiresAt: string;
}

/** What the page behind a one-time link shows before the password is set. */
interface LinkDescription {
  kind: InviteKind;
  email: string;
  role: Role;
  expiresAt: string;
}

/** The admins' side of accounts: invites, roles, deactivation, password resets. */
export interface UserAdmin {
  list(): Promise<User[]>;
  /** @throws AppError `not_found` */
  get(userId: string): Promise<User>;
  invite(actor: Actor, invite: { email: string; role: Role }): Promise<OneTimeLink>;
  /** @throws AppError `not_found` for an unknown or used link, `expired` for an old one. */
  describeLink(token: string): Promise<LinkDescription>;
  /** Sets the password (and, for an invite, creates the user with the name given). */
  acceptLink(token: string, { name, password }: { name?: string; password: string }): Promise<User>;
  setRole(actor: Actor, userId: string, role: Role): Promise<void>;
  setActive(actor: Actor, userId: string, active: boolean): Promise<void>;
  resetPassword(actor: Actor, userId: string): Promise<OneTimeLink>;
  /** On an empty users table, creates an admin with a generated password and returns how to sign in. */
  ensureFirstAdmin(email: string): Promise<{ email: string; password: string } | undefined>;
}

/** @example const users = createUserAdmin({ db, audit }); */
export function createUserAdmin({ db, audit }: { db: Kysely<Tables>; audit: AuditLog }): UserAdmin {
  const userOrThrow = async (userId: string) => {
    const user = await findUserById(db, userId);
    if (!user) throw new AppError("not_found", `There is no user "${userId}".`);
    return user;
  };
  const makeLink = async (
    actor: Actor,
    kind: InviteKind,
    { email, role, userId }: { email: string; role: Role; userId: string | null },
  ): Promise<OneTimeLink> => {
    const token = newSecretToken("");
    const now = new Date();
    const expiresAt = new Date(now.getTime() + LINK_HOURS[kind] * 3_600_000).toISOString();
    await db
      .insertInto("invites")
      .values({
        tokenHash: digestOf(token),
        kind,
        email,
        role,
        userId,
        createdBy: actor.name,
        createdAt: now.toISOString(),
        expiresAt,
        usedAt: null,
      })
      .execute();
    return { token, kind, email, role, expiresAt };
  };
  const linkOrThrow = async (token: string) => {
    const link = await db
      .selectFrom("invites")
      .selectAll()
      .where("tokenHash", "=", digestOf(token))
      .executeTakeFirst();
    if (!link || link.usedAt)
      throw new AppError("not_found", "This link is not valid, or it was used already.");
    if (link.expiresAt <= new Date().toISOString())
      throw new AppError(
        "expired",
        `This link expired at ${link.expiresAt}; ask an admin for a new one.`,
      );
    return link;
  };
  const checkPassword = (password: string) => {
    if (password.length < MIN_PASSWORD_LENGTH)
      throw new AppError(
        "invalid_request",
        `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`,
      );
  };

  return {
    list: () => listUsers(db),
    get: async (userId) => toUser(await userOrThrow(userId)),

    async invite(actor, { email, role }) {
      const address = email.trim().toLowerCase();
      if (await findUserByEmail(db, address))
        throw new AppError("conflict", `There is a user with the email ${address} already.`);
      const link = await makeLink(actor, "invite", { email: address, role, userId: null });
      await audit.record(actor, "user.invite", address, { role });
      return link;
    },

    async describeLink(token) {
      const { kind, email, role, expiresAt } = await linkOrThrow(token);
      return { kind, email, role, expiresAt };
    },

    async acceptLink(token, { name, password }) {
      const link = await linkOrThrow(token);
      checkPassword(password);
      const passwordHash = await hashPassword(password);
      const { numUpdatedRows } = await db
        .updateTable("invites")
        .set({ usedAt: new Date().toISOString() })
        .where("tokenHash", "=", link.tokenHash)
        .where("usedAt", "is", null)
        .executeTakeFirst();
      if (numUpdatedRows === 0n)
        throw new AppError("not_found", "This link is not valid, or it was used already.");
      if (link.kind === "reset" && link.userId) {
        await updateUser(db, link.userId, { passwordHash });
        // A new password ends every session of the old one.
        await db.deleteFrom("staffSessions").where("userId", "=", link.userId).execute();
        const user = await userOrThrow(link.userId);
        await audit.record({ userId: user.id, name: user.name }, "user.password_set", user.email);
        return toUser(user);
      }
      if (await findUserByEmail(db, link.email))
        throw new AppError("conflict", `There is a user with the email ${link.email} already.`);
      const user = await insertUser(db, {
        email: link.email,
        name: name?.trim() || link.email,
        role: link.role,
        passwordHash,
      });
      await audit.record({ userId: user.id, name: user.name }, "user.join", user.email, {
        role: user.role,
      });
      return toUser(user);
    },

    async setRole(actor, userId, role) {
      const user = await userOrThrow(userId);
      await updateUser(db, userId, { role });
      await audit.record(actor, "user.role", user.email, { from: user.role, to: role });
    },

    async setActive(actor, userId, active) {
      const user = await userOrThrow(userId);
      if (actor.userId === userId && !active)
        throw new AppError("conflict", "You cannot deactivate yourself.");
      await updateUser(db, userId, { active: active ? 1 : 0 });
      if (!active) await db.deleteFrom("staffSessions").where("userId", "=", userId).execute();
      await audit.record(actor, active ? "user.activate" : "user.deactivate", user.email);
    },

    async resetPassword(actor, userId) {
      const user = await userOrThrow(userId);
      const link = await makeLink(actor, "reset", {
        email: user.email,
        role: user.role,
        userId: user.id,
      });
      await audit.record(actor, "user.password_reset", user.email);
      return link;
    },

    async ensureFirstAdmin(email) {
      const existing = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
      if (existing) return undefined;
      const password = newSecretToken("").slice(0, 20);
      const user = await insertUser(db, {
        email,
        name: "Admin",
        role: "admin",
        passwordHash: await hashPassword(password),
      });
      await audit.record({ userId: null, name: "system" }, "user.first_admin", user.email);
      return { email: user.email, password };
    },
  };
}
