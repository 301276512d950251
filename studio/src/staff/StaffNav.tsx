import type { Me } from "../api/staff-api.ts";

/** Links to the screens the signed-in role may open, and who is signed in. */
export function StaffNav({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  const { role, name } = me.user;
  return (
    <nav className="staff-nav" aria-label="Screens">
      {role !== "agent" && <a href="#/">Flows</a>}
      {role !== "agent" && <a href="#/analytics">Analytics</a>}
      {(role === "admin" || role === "agent" || role === "viewer") && <a href="#/inbox">Inbox</a>}
      {role === "admin" && <a href="#/users">Users</a>}
      {role === "admin" && <a href="#/audit">Audit log</a>}
      {(role === "admin" || role === "editor") && <a href="#/canned-replies">Canned replies</a>}
      <a href="#/tokens">API tokens</a>
      <span className="staff-nav-who">
        {name} ({role})
      </span>
      <button type="button" onClick={onSignOut}>
        Sign out
      </button>
    </nav>
  );
}
