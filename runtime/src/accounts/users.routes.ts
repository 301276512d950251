import { Elysia, t } from "elysia";
import { authGuard } from "../auth/index.ts";
import type { Services } from "../services.ts";
import { IdParams } from "../shared-schemas.ts";
import { OneTimeLinkSchema, RoleSchema, UserSchema } from "./schemas.ts";

/** The admins' users screen under `/api/users`: invite, change a role, deactivate, reset a password. */
export function userRoutes({ tokens, users }: Services) {
  return new Elysia({ prefix: "/api/users", tags: ["Accounts"] })
    .use(authGuard(tokens))
    .get("/", () => users.list(), {
      auth: "admin",
      response: t.Array(UserSchema),
      detail: { summary: "Every staff account" },
    })
    .post(
      "/invites",
      async ({ principal, body, set }) => {
        set.status = 201;
        return users.invite(principal, body);
      },
      {
        auth: "admin",
        body: t.Object({ email: t.String({ format: "email", maxLength: 320 }), role: RoleSchema }),
        response: { 201: OneTimeLinkSchema },
        detail: { summary: "Invites someone by a one-time link (valid 7 days)" },
      },
    )
    .patch(
      "/:id",
      async ({ principal, params, body }) => {
        if (body.role) await users.setRole(principal, params.id, body.role);
        if (body.active !== undefined) await users.setActive(principal, params.id, body.active);
        return users.get(params.id);
      },
      {
        auth: "admin",
        params: IdParams,
        body: t.Object({ role: t.Optional(RoleSchema), active: t.Optional(t.Boolean()) }),
        response: UserSchema,
        detail: { summary: "Changes a user's role, or (de)activates them" },
      },
    )
    .post(
      "/:id/password-reset",
      async ({ principal, params, set }) => {
        set.status = 201;
        return users.resetPassword(principal, params.id);
      },
      {
        auth: "admin",
        params: IdParams,
        response: { 201: OneTimeLinkSchema },
        detail: { summary: "A one-time link for the user to set a new password (valid 24 hours)" },
      },
    );
}
