import type { Role } from "../../../runtime/src/accounts/roles.ts";
import type { Services } from "../../../runtime/src/services.ts";

export const STAFF_PASSWORD = "correct horse battery staple";
const ADMIN = { userId: null, name: "admin" };

/** A staff member of the role, created as an admin would (invite, then accepted), with a personal API token. */
export async function createStaffUser(
  services: Services,
  role: Role,
  name = `${role[0]?.toUpperCase()}${role.slice(1)} User`,
): Promise<{ id: string; email: string; name: string; token: string }> {
  const email = `${role}.${crypto.randomUUID().slice(0, 8)}@example.com`;
  const link = await services.users.invite(ADMIN, { email, role });
  const user = await services.users.acceptLink(link.token, { name, password: STAFF_PASSWORD });
  const principal = { userId: user.id, name, email, role, via: "session" as const };
  const { token } = await services.tokens.createApiToken(principal, "tests");
  return { id: user.id, email, name, token };
}
