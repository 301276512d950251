import type { Principal } from "../../runtime/src/accounts/staff-auth.ts";
import type { Services } from "../../runtime/src/services.ts";

/** A staff member acting through the admin token, under a name of their choosing. */
export function staffActor(name: string): Principal {
  return { userId: null, name, email: null, role: "admin", via: "admin_token" };
}

/** The id of the chat's open handoff. */
export async function openHandoffOf(services: Services, chatId: string): Promise<string> {
  const handoff = (await services.handoffs.listOpen()).find((open) => open.chatId === chatId);
  if (!handoff) throw new Error(`chat ${chatId} has no open handoff`);
  return handoff.id;
}
