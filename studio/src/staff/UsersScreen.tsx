import { type FormEvent, useState } from "react";
import { linkUrl, type Role, type StaffApi, type StaffUser } from "../api/staff-api.ts";
import { ErrorMessage } from "../ui/Status.tsx";
import { useStaffList } from "./use-staff-list.ts";

const ROLES: Role[] = ["admin", "editor", "agent", "viewer"];

/** The admins' users screen: invite by a one-time link, change a role, deactivate, reset a password. */
export function UsersScreen({ staff }: { staff: StaffApi }) {
  const { items: users, error, run } = useStaffList<StaffUser>(staff.users);
  const [link, setLink] = useState<{ label: string; url: string }>();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("agent");

  const invite = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const made = await staff.invite(email.trim(), role);
      setLink({ label: `Invite link for ${made.email} (shown once)`, url: linkUrl(made.token) });
      setEmail("");
    });
  };

  return (
    <main className="staff-screen">
      <h1>Users</h1>
      <form className="invite-form" onSubmit={invite}>
        <label htmlFor="invite-email">Email</label>
        <input
          id="invite-email"
          type="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <label htmlFor="invite-role">Role</label>
        <select
          id="invite-role"
          value={role}
          onChange={(event) => setRole(event.target.value as Role)}
        >
          {ROLES.map((one) => (
            <option key={one}>{one}</option>
          ))}
        </select>
        <button type="submit" className="primary">
          Invite
        </button>
      </form>
      {link && (
        <p className="one-time-link">
          {link.label}: <output aria-label="One-time link">{link.url}</output>
        </p>
      )}
      {error && <ErrorMessage>{error}</ErrorMessage>}
      <table className="users-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Role</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td>{user.name}</td>
              <td>{user.email}</td>
              <td>
                <select
                  aria-label={`Role of ${user.email}`}
                  value={user.role}
                  onChange={(event) =>
                    run(() => staff.updateUser(user.id, { role: event.target.value as Role }))
                  }
                >
                  {ROLES.map((one) => (
                    <option key={one}>{one}</option>
                  ))}
                </select>
              </td>
              <td>{user.active ? "active" : "deactivated"}</td>
              <td>
                <button
                  type="button"
                  onClick={() => run(() => staff.updateUser(user.id, { active: !user.active }))}
                >
                  {user.active ? "Deactivate" : "Activate"}
                </button>
                <button
                  type="button"
                  onClick={() =>
                    run(async () => {
                      const made = await staff.resetPassword(user.id);
                      setLink({
                        label: `Password reset link for ${made.email} (shown once)`,
                        url: linkUrl(made.token),
                      });
                    })
                  }
                >
                  Reset password
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
