/**
 * A staff member's role. admin: everything; editor: flows, knowledge, simulations, publishing;
 * agent: the inbox and conversations; viewer: reads flows and conversations, changes nothing.
 */
export type Role = "admin" | "editor" | "agent" | "viewer";

export const ROLES: readonly Role[] = ["admin", "editor", "agent", "viewer"];

/** The roles that hold each role's rights: admin holds all, an editor may read as a viewer. */
const HOLDERS: Record<Role, readonly Role[]> = {
  admin: ["admin"],
  editor: ["admin", "editor"],
  agent: ["admin", "agent"],
  viewer: ["admin", "editor", "viewer"],
};

/** What a route needs: one role, or any one of several. */
export type RoleNeed = Role | readonly Role[];

/**
 * The role a caller lacks for a need, or undefined when it has what the need asks.
 *
 * @example
 * missingRole("agent", "editor") // "editor"
 * missingRole("editor", "viewer") // undefined
 */
export function missingRole(role: Role, need: RoleNeed): Role | undefined {
  const needs = typeof need === "string" ? [need] : need;
  if (needs.some((one) => HOLDERS[one].includes(role))) return undefined;
  return needs[0];
}
