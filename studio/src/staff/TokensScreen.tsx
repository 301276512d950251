import { type FormEvent, useState } from "react";
import type { ApiToken, StaffApi } from "../api/staff-api.ts";
import { ErrorMessage } from "../ui/Status.tsx";
import { EmptyRow } from "./EmptyRow.tsx";
import { useStaffList } from "./use-staff-list.ts";

/**
 * The signed-in user's personal API tokens, for scripts: create one (its secret shown this once,
 * never again: the server keeps only its hash), list them with when each was last used, revoke.
 */
export function TokensScreen({ staff }: { staff: StaffApi }) {
  const { items: tokens, error, run } = useStaffList<ApiToken>(staff.apiTokens);
  const [name, setName] = useState("");
  const [created, setCreated] = useState<{ name: string; token: string }>();

  const create = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const made = await staff.createApiToken(name.trim());
      setCreated({ name: made.name, token: made.token });
      setName("");
    });
  };

  return (
    <main className="staff-screen">
      <h1>API tokens</h1>
      <p className="muted">
        A personal token acts as you, with your role, in scripts: send it as{" "}
        <code>Authorization: Bearer …</code>. Revoke one you no longer use.
      </p>
      <form className="token-form" onSubmit={create}>
        <label htmlFor="token-name">Token name</label>
        <input
          id="token-name"
          value={name}
          maxLength={120}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" className="primary" disabled={name.trim() === ""}>
          Create token
        </button>
      </form>
      {created && (
        <p className="one-time-link">
          {created.name} (copy it now: it is shown this once):{" "}
          <output aria-label="New token">{created.token}</output>
        </p>
      )}
      {error && <ErrorMessage>{error}</ErrorMessage>}
      <table className="tokens-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Created</th>
            <th>Last used</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {tokens.length === 0 && <EmptyRow columns={4}>No tokens yet.</EmptyRow>}
          {tokens.map((token) => (
            <tr key={token.id}>
              <td>{token.name}</td>
              <td>{new Date(token.createdAt).toLocaleString()}</td>
              <td>{token.lastUsedAt ? new Date(token.lastUsedAt).toLocaleString() : "never"}</td>
              <td>
                <button
                  type="button"
                  onClick={() => {
                    setCreated(undefined);
                    void run(() => staff.revokeApiToken(token.id));
                  }}
                >
                  Revoke {token.name}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
