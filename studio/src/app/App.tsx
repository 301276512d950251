import { useEffect, useMemo, useState } from "react";
import { AnalyticsScreen } from "../analytics/AnalyticsScreen.tsx";
import { createClient } from "../api/client.ts";
import type { Credentials } from "../api/credentials.ts";
import { createStaffApi, type Me, publicStaffApi } from "../api/staff-api.ts";
import { createStudioApi } from "../api/studio-api.ts";
import { tokenStore } from "../api/token-store.ts";
import { KnowledgeScreen } from "../knowledge/KnowledgeScreen.tsx";
import { EditorScreen } from "../screens/EditorScreen.tsx";
import { FlowListScreen } from "../screens/FlowListScreen.tsx";
import { SignInScreen } from "../screens/SignInScreen.tsx";
import { AuditScreen } from "../staff/AuditScreen.tsx";
import { CannedRepliesScreen } from "../staff/CannedRepliesScreen.tsx";
import { DeadLettersScreen } from "../staff/DeadLettersScreen.tsx";
import { InboxScreen } from "../staff/InboxScreen.tsx";
import { InviteScreen } from "../staff/InviteScreen.tsx";
import { StaffNav } from "../staff/StaffNav.tsx";
import { TokensScreen } from "../staff/TokensScreen.tsx";
import { UsersScreen } from "../staff/UsersScreen.tsx";
import { ApiContext } from "./api-context.tsx";
import { type Route, routeHash } from "./route.ts";
import { useRoute } from "./use-route.ts";

/** Which roles may open each screen; the server checks every call again. */
const SCREEN_ROLES: Record<Exclude<Route["screen"], "invite">, Me["user"]["role"][]> = {
  flows: ["admin", "editor", "viewer"],
  editor: ["admin", "editor", "viewer"],
  knowledge: ["admin", "editor", "viewer"],
  analytics: ["admin", "editor", "viewer"],
  inbox: ["admin", "agent", "viewer"],
  users: ["admin"],
  audit: ["admin"],
  tokens: ["admin", "editor", "agent", "viewer"],
  "canned-replies": ["admin", "editor"],
  "dead-letters": ["admin"],
};

/**
 * The studio: the sign-in screen until a session or a token works, then the screens the
 * signed-in role may open (an agent lands in the inbox).
 */
export function App() {
  const [credentials, setCredentials] = useState<Credentials | undefined>(() => {
    const token = tokenStore.read();
    return token ? { kind: "token", token } : undefined;
  });
  const [me, setMe] = useState<Me>();
  const [checked, setChecked] = useState(false);
  const [notice, setNotice] = useState<string>();
  const route = useRoute();

  // A session cookie from before a reload signs in again without a form.
  useEffect(() => {
    publicStaffApi.me(credentials).then(
      (found) => {
        setMe(found);
        if (!credentials && found.csrfToken)
          setCredentials({ kind: "session", csrfToken: found.csrfToken });
      },
      () => setMe(undefined),
    );
    setChecked(true);
  }, [credentials]);

  const signOut = () => {
    if (credentials?.kind === "session")
      void createStaffApi(credentials)
        .signOut()
        .catch(() => {});
    tokenStore.clear();
    setCredentials(undefined);
    setMe(undefined);
  };

  const api = useMemo(() => {
    if (!credentials) return undefined;
    return createStudioApi(createClient(credentials), (error) => {
      if (error.status !== 401) return;
      tokenStore.clear();
      setNotice("Your sign-in is no longer accepted; sign in again.");
      setCredentials(undefined);
      setMe(undefined);
    });
  }, [credentials]);
  const staff = useMemo(() => credentials && createStaffApi(credentials), [credentials]);

  if (route.screen === "invite") return <InviteScreen token={route.token} />;
  if (!checked) return null;
  if (!api || !staff || !me)
    return (
      <SignInScreen
        notice={notice}
        onSignedIn={(next) => {
          tokenStore.write(next);
          setNotice(undefined);
          setCredentials({ kind: "token", token: next });
        }}
        onSessionStarted={(csrfToken) => {
          setNotice(undefined);
          setCredentials({ kind: "session", csrfToken });
        }}
      />
    );

  const role = me.user.role;
  const screen = route.screen === "flows" && role === "agent" ? "inbox" : route.screen;
  const allowed = SCREEN_ROLES[screen].includes(role);
  return (
    <ApiContext.Provider value={api}>
      {screen !== "editor" && screen !== "knowledge" && (
        <StaffNav me={me} staff={staff} onSignOut={signOut} />
      )}
      {!allowed ? (
        <main className="staff-screen">
          <h1>Not for your role</h1>
          <p role="alert">
            This screen needs another role than {role}; ask an admin if you need it.
          </p>
        </main>
      ) : screen === "editor" && route.screen === "editor" ? (
        <EditorScreen
          key={routeHash(route)}
          flowId={route.flowId}
          conversations={route.conversations}
        />
      ) : screen === "analytics" ? (
        <AnalyticsScreen view={route.screen === "analytics" ? route.view : undefined} />
      ) : screen === "knowledge" && route.screen === "knowledge" ? (
        <KnowledgeScreen key={route.flowId} flowId={route.flowId} canEdit={role !== "viewer"} />
      ) : screen === "inbox" ? (
        <InboxScreen staff={staff} me={me} />
      ) : screen === "users" ? (
        <UsersScreen staff={staff} />
      ) : screen === "audit" ? (
        <AuditScreen staff={staff} />
      ) : screen === "canned-replies" ? (
        <CannedRepliesScreen staff={staff} />
      ) : screen === "dead-letters" ? (
        <DeadLettersScreen staff={staff} />
      ) : screen === "tokens" ? (
        <TokensScreen staff={staff} />
      ) : (
        <FlowListScreen onSignOut={signOut} />
      )}
    </ApiContext.Provider>
  );
}
