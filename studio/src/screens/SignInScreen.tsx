import { type FormEvent, useState } from "react";
import { createClient } from "../api/client.ts";
import { createStudioApi } from "../api/studio-api.ts";
import { ErrorMessage } from "../ui/Status.tsx";

interface SignInScreenProps {
  notice?: string;
  onSignedIn: (token: string) => void;
}

/** Asks for the admin token and checks it against the runtime before going on. */
export function SignInScreen({ notice, onSignedIn }: SignInScreenProps) {
  const [token, setToken] = useState("");
  const [error, setError] = useState<string>();
  const [checking, setChecking] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const candidate = token.trim();
    if (!candidate) return setError("Enter the admin token.");
    setChecking(true);
    const result = await createStudioApi(createClient(candidate)).listFlows();
    setChecking(false);
    if (result.ok) return onSignedIn(candidate);
    setError(
      result.error.status === 401
        ? "That is not an admin token of this server."
        : result.error.message,
    );
  }

  return (
    <main className="sign-in">
      <form className="sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Switchboard Studio</h1>
        <p>
          Sign in with the server's admin token (<code>ADMIN_TOKEN</code>, or the one the server
          printed and stored in its data directory on first start).
        </p>
        {notice && <p className="notice">{notice}</p>}
        <label htmlFor="admin-token">Admin token</label>
        <input
          id="admin-token"
          type="password"
          autoComplete="current-password"
          value={token}
          onChange={(event) => setToken(event.target.value)}
        />
        {error && <ErrorMessage>{error}</ErrorMessage>}
        <button type="submit" className="primary" disabled={checking}>
          {checking ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
