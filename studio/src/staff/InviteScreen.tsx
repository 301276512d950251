import { type FormEvent, useEffect, useState } from "react";
import { publicStaffApi } from "../api/staff-api.ts";
import { ErrorMessage } from "../ui/Status.tsx";

/** The page behind a one-time link: set a name and a password, then sign in. */
export function InviteScreen({ token }: { token: string }) {
  const [link, setLink] = useState<{ kind: string; email: string; role: string }>();
  const [error, setError] = useState<string>();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [done, setDone] = useState(false);

  useEffect(() => {
    publicStaffApi.describeLink(token).then(setLink, (failure: Error) => setError(failure.message));
  }, [token]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await publicStaffApi.acceptLink(token, {
        ...(link?.kind === "invite" && name.trim() ? { name: name.trim() } : {}),
        password,
      });
      setDone(true);
    } catch (failure) {
      setError((failure as Error).message);
    }
  }

  return (
    <main className="sign-in">
      <form className="sign-in-card" onSubmit={submit} aria-labelledby="invite-title">
        <h1 id="invite-title">Switchboard Studio</h1>
        {error && <ErrorMessage>{error}</ErrorMessage>}
        {done ? (
          <p>
            Your password is set. <a href="#/">Sign in</a>
          </p>
        ) : (
          link && (
            <>
              <p>
                {link.email},{" "}
                {link.kind === "invite" ? `join as ${link.role}` : "set a new password"}.
              </p>
              {link.kind === "invite" && (
                <>
                  <label htmlFor="invite-name">Your name (customers see it)</label>
                  <input
                    id="invite-name"
                    value={name}
                    onChange={(event) => setName(event.target.value)}
                  />
                </>
              )}
              <label htmlFor="invite-password">Password (10 characters or more)</label>
              <input
                id="invite-password"
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
              <button type="submit" className="primary">
                Set password
              </button>
            </>
          )
        )}
      </form>
    </main>
  );
}
