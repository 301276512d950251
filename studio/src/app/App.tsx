import { useMemo, useState } from "react";
import { createClient } from "../api/client.ts";
import { createStudioApi } from "../api/studio-api.ts";
import { tokenStore } from "../api/token-store.ts";
import { EditorScreen } from "../screens/EditorScreen.tsx";
import { FlowListScreen } from "../screens/FlowListScreen.tsx";
import { SignInScreen } from "../screens/SignInScreen.tsx";
import { ApiContext } from "./api-context.tsx";
import { useRoute } from "./use-route.ts";

/** The studio: the sign-in screen until an admin token works, then the flows and the editor. */
export function App() {
  const [token, setToken] = useState(tokenStore.read);
  const [notice, setNotice] = useState<string>();
  const route = useRoute();

  const api = useMemo(() => {
    if (!token) return undefined;
    return createStudioApi(createClient(token), (error) => {
      if (error.status !== 401) return;
      tokenStore.clear();
      setNotice("Your admin token was not accepted; sign in again.");
      setToken(undefined);
    });
  }, [token]);

  if (!api)
    return (
      <SignInScreen
        notice={notice}
        onSignedIn={(next) => {
          tokenStore.write(next);
          setNotice(undefined);
          setToken(next);
        }}
      />
    );

  const signOut = () => {
    tokenStore.clear();
    setToken(undefined);
  };
  return (
    <ApiContext.Provider value={api}>
      {route.screen === "editor" ? (
        <EditorScreen key={route.flowId} flowId={route.flowId} />
      ) : (
        <FlowListScreen onSignOut={signOut} />
      )}
    </ApiContext.Provider>
  );
}
