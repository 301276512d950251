import type { Me, StaffApi } from "../api/staff-api.ts";
import { useDeadLetterCount } from "./use-dead-letter-count.ts";

/**
 * Links to the screens the signed-in role may open, and who is signed in; to an admin, how many
 * WhatsApp messages could not be sent, when there are any.
 */
export function StaffNav({
  me,
  staff,
  onSignOut,
}: {
  me: Me;
  staff: StaffApi;
  onSignOut: () => void;
}) {
  const { role, name } = me.user;
  const deadLetters = useDeadLetterCount(staff, role === "admin");
  return (
    <nav className="staff-nav" aria-label="Screens">
      {role !== "agent" && <a href="#/">Flows</a>}
      {role !== "agent" && <a href="#/analytics">Analytics</a>}
      {(role === "admin" || role === "agent" || role === "viewer") && <a href="#/inbox">Inbox</a>}
      {role === "admin" && <a href="#/users">Users</a>}
      {role === "admin" && <a href="#/audit">Audit log</a>}
      {(role === "admin" || role === "editor") && <a href="#/canned-replies">Canned replies</a>}
      {role === "admin" && (
        <a href="#/dead-letters">
          Failed deliveries
          {deadLetters > 0 && (
            <span className="badge badge-danger" title="WhatsApp messages not sent">
              {deadLetters}
            </span>
          )}
        </a>
      )}
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
