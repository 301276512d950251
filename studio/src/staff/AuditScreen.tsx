import { useEffect, useState } from "react";
import type { AuditEntry, StaffApi } from "../api/staff-api.ts";
import { ErrorMessage } from "../ui/Status.tsx";

/** The audit log, the latest first: who did what, to what, and when. */
export function AuditScreen({ staff }: { staff: StaffApi }) {
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [error, setError] = useState<string>();
  useEffect(() => {
    staff.audit().then(setEntries, (failure: Error) => setError(failure.message));
  }, [staff]);
  return (
    <main className="staff-screen">
      <h1>Audit log</h1>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      <table className="audit-table">
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>What</th>
            <th>Target</th>
            <th>Detail</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td>{new Date(entry.at).toLocaleString()}</td>
              <td>{entry.actorName}</td>
              <td>{entry.action}</td>
              <td>{entry.target}</td>
              <td>{entry.detail ? JSON.stringify(entry.detail) : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
