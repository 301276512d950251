import { t } from "elysia";
import { ROLES } from "./roles.ts";

export const RoleSchema = t.UnionEnum(ROLES as ["admin", "editor", "agent", "viewer"]);

export const UserSchema = t.Object({
  id: t.String(),
  email: t.String(),
  name: t.String(),
  role: RoleSchema,
  active: t.Boolean(),
  createdAt: t.String(),
});

export const OneTimeLinkSchema = t.Object({
  token: t.String({ description: "Shown this once; the link is /studio/#/invite/<token>" }),
  kind: t.UnionEnum(["invite", "reset"]),
  email: t.String(),
  role: RoleSchema,
  expiresAt: t.String(),
});
