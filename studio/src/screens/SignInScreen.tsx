import { type FormEvent, useState } from "react";
import { createClient } from "../api/client.ts";
import { publicStaffApi } from "../api/staff-api.ts";
import { createStudioApi } from "../api/studio-api.ts";
import { ErrorMessage } from "../ui/Status.tsx";

interface SignInScreenProps {
  notice?: string;
  /** Signed in with the admin token (or a personal API token). */
  onSignedIn: (token: string) => void;
  /** Signed in with email and password: the session's CSRF token. */
  onSessionStarted: (csrfToken: string) => void;
}

/** Signs a staff member in with email and password, or with the server's admin token. */
export function SignInScreen({ notice, onSignedIn, onSessionStarted }: SignInScreenProps) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [token, setToken] = useState("");
  const [error, setError] = useState<string>();
  const [checking, setChecking] = useState(false);

  async function signIn(event: FormEvent) {
    event.preventDefault();
    if (!email.trim() || !password) return setError("Enter your email and password.");
    setChecking(true);
    try {
      const { csrfToken } = await publicStaffApi.signIn(email.trim(), password);
      onSessionStarted(csrfToken);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setChecking(false);
    }
  }

  async function signInWithToken(event: FormEvent) {
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
      <div className="sign-in-card">
        <h1 id="sign-in-title">Switchboard Studio</h1>
        {notice && <p className="notice">{notice}</p>}
        <form onSubmit={signIn} aria-labelledby="sign-in-title">
          <label htmlFor="sign-in-email">Email</label>
          <input
            id="sign-in-email"
            type="email"
            autoComplete="username"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
          <label htmlFor="sign-in-password">Password</label>
          <input
            id="sign-in-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          <button type="submit" className="primary" disabled={checking}>
            {checking ? "Signing in…" : "Sign in"}
          </button>
        </form>
        <details>
          <summary>Sign in with the admin token</summary>
          <form onSubmit={signInWithToken}>
            <p>
              The server's admin token (<code>ADMIN_TOKEN</code>, or the one the server printed and
              stored in its data directory on first start), for automation and recovery.
            </p>
            <label htmlFor="admin-token">Admin token</label>
            <input
              id="admin-token"
              type="password"
              autoComplete="off"
              value={token}
              onChange={(event) => setToken(event.target.value)}
            />
            <button type="submit" disabled={checking}>
              Sign in with the token
            </button>
          </form>
        </details>
        {error && <ErrorMessage>{error}</ErrorMessage>}
      </div>
    </main>
  );
}
