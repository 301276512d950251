import type {
  ApiToken,
  AuditEntry,
  CannedReply,
  HandoffContext,
  InboxItem,
  InboxNotice,
  OneTimeLink,
  Role,
  User as StaffUser,
  WhatsAppDelivery,
} from "../../../runtime/src/api-types.ts";
import { type Credentials, credentialHeaders } from "./credentials.ts";

export type {
  ApiToken,
  AuditEntry,
  CannedReply,
  HandoffContext,
  InboxItem,
  InboxNotice,
  OneTimeLink,
  Role,
  StaffUser,
  WhatsAppDelivery,
};

/** Who is signed in, as `GET /api/auth/me` says. */
export interface Me {
  user: { id: string | null; email: string | null; name: string; role: Role };
  via: "admin_token" | "session" | "api_token";
  csrfToken: string | null;
}

/** A failed call: the status and the server's sentence. */
class StaffApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(
  path: string,
  {
    method = "GET",
    body,
    credentials,
  }: { method?: string; body?: unknown; credentials?: Credentials },
): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: {
      ...(credentials ? credentialHeaders(credentials) : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = (await response.json().catch(() => ({}))) as { message?: string };
  if (!response.ok)
    throw new StaffApiError(
      response.status,
      data.message ?? `The server answered ${response.status}.`,
    );
  return data as T;
}

/** Signing in and out, and what an unsigned visitor may do with a one-time link. */
export const publicStaffApi = {
  signIn: (email: string, password: string) =>
    call<{ csrfToken: string }>("/api/auth/sign-in", { method: "POST", body: { email, password } }),
  /** Who the session cookie (if any) signs in. */
  me: (credentials?: Credentials) => call<Me>("/api/auth/me", { credentials }),
  describeLink: (token: string) =>
    call<{ kind: string; email: string; role: Role; expiresAt: string }>(
      `/invites/${encodeURIComponent(token)}`,
      {},
    ),
  acceptLink: (token: string, body: { name?: string; password: string }) =>
    call<StaffUser>(`/invites/${encodeURIComponent(token)}`, { method: "POST", body }),
};

/** The staff routes the inbox, users and audit screens call. */
export function createStaffApi(credentials: Credentials) {
  const handoff = (id: string) => `/api/handoffs/${encodeURIComponent(id)}`;
  const post = <T>(path: string, body?: unknown) =>
    call<T>(path, { method: "POST", body, credentials });
  return {
    signOut: () => post("/api/auth/sign-out"),
    inbox: () => call<InboxItem[]>("/api/handoffs/", { credentials }),
    agents: () => call<{ id: string; name: string }[]>("/api/handoffs/agents", { credentials }),
    context: (id: string) => call<HandoffContext>(handoff(id), { credentials }),
    claim: (id: string) => post<InboxItem>(`${handoff(id)}/claim`),
    assign: (id: string, userId: string) => post<InboxItem>(`${handoff(id)}/assign`, { userId }),
    read: (id: string) => post(`${handoff(id)}/read`),
    typing: (id: string) => post(`${handoff(id)}/typing`),
    reply: (id: string, text: string) => post(`${handoff(id)}/reply`, { text }),
    handBack: (id: string) => post(`${handoff(id)}/handback`),
    close: (id: string) => post(`${handoff(id)}/close`),
    users: () => call<StaffUser[]>("/api/users/", { credentials }),
    invite: (email: string, role: Role) => post<OneTimeLink>("/api/users/invites", { email, role }),
    updateUser: (id: string, changes: { role?: Role; active?: boolean }) =>
      call<StaffUser>(`/api/users/${encodeURIComponent(id)}`, {
        method: "PATCH",
        body: changes,
        credentials,
      }),
    resetPassword: (id: string) =>
      post<OneTimeLink>(`/api/users/${encodeURIComponent(id)}/password-reset`),
    audit: () => call<AuditEntry[]>("/api/audit/?limit=200", { credentials }),
    cannedReplies: () => call<CannedReply[]>("/api/canned-replies/", { credentials }),
    saveCannedReplies: (replies: string[]) =>
      call<CannedReply[]>("/api/canned-replies/", {
        method: "PUT",
        body: { replies },
        credentials,
      }),
    /** The WhatsApp messages that could not be sent (dead letters), the latest first. */
    failedDeliveries: () =>
      call<WhatsAppDelivery[]>("/api/whatsapp/deliveries?state=failed&limit=200", {
        credentials,
      }),
    resendDelivery: (id: string) =>
      post<WhatsAppDelivery>(`/api/whatsapp/deliveries/${encodeURIComponent(id)}/resend`),
    apiTokens: () => call<ApiToken[]>("/api/auth/tokens", { credentials }),
    createApiToken: (name: string) =>
      post<ApiToken & { token: string }>("/api/auth/tokens", { name }),
    revokeApiToken: (id: string) =>
      call(`/api/auth/tokens/${encodeURIComponent(id)}`, { method: "DELETE", credentials }),
    /**
     * Follows the inbox's server-sent events until `signal` aborts; read with fetch rather than
     * EventSource, which cannot send a bearer token.
     */
    async followInbox(onNotice: (notice: InboxNotice) => void, signal: AbortSignal) {
      const response = await fetch("/api/handoffs/events", {
        headers: credentialHeaders(credentials),
        signal,
      });
      const reader = response.body?.getReader();
      if (!reader) return;
      const decoder = new TextDecoder();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        const frames = buffer.split("\n\n");
        buffer = frames.pop() ?? "";
        for (const frame of frames) {
          const data = frame.split("\n").find((line) => line.startsWith("data: "));
          if (data) onNotice(JSON.parse(data.slice(6)) as InboxNotice);
        }
      }
    },
  };
}

export type StaffApi = ReturnType<typeof createStaffApi>;

/** The link an invited person (or one whose password was reset) opens. */
export function linkUrl(token: string): string {
  return `${window.location.origin}/studio/#/invite/${encodeURIComponent(token)}`;
}
