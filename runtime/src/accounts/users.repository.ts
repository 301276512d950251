import type { Kysely, Selectable } from "kysely";
import type { Tables } from "../db/index.ts";
import type { UserTable } from "./account.table.ts";
import type { Role } from "./roles.ts";

export type UserRow = Selectable<UserTable>;

/** A user as the API shows them: never their password hash. */
export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  createdAt: string;
}

export function toUser({ passwordHash: _, active, ...row }: UserRow): User {
  return { ...row, active: active === 1 };
}

export function findUserByEmail(db: Kysely<Tables>, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom("users")
    .selectAll()
    .where("email", "=", email.trim().toLowerCase())
    .executeTakeFirst();
}

export function findUserById(db: Kysely<Tables>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listUsers(db: Kysely<Tables>): Promise<User[]> {
  return (await db.selectFrom("users").selectAll().orderBy("email").execute()).map(toUser);
}

export async function insertUser(
  db: Kysely<Tables>,
  user: { email: string; name: string; role: Role; passwordHash: string },
): Promise<UserRow> {
  const row: UserRow = {
    id: crypto.randomUUID(),
    email: user.email.trim().toLowerCase(),
    name: user.name,
    role: user.role,
    passwordHash: user.passwordHash,
    active: 1,
    createdAt: new Date().toISOString(),
  };
  await db.insertInto("users").values(row).execute();
  return row;
}

export async function updateUser(
  db: Kysely<Tables>,
  id: string,
  changes: Partial<Pick<UserRow, "role" | "active" | "passwordHash" | "name">>,
): Promise<void> {
  await db.updateTable("users").set(changes).where("id", "=", id).execute();
}
