export { missingRole, type RoleNeed } from "./roles.ts";
export type { Principal, StaffAuth } from "./staff-auth.ts";
export { findUserById } from "./users.repository.ts";
