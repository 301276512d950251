import { useEffect, useState } from "react";
import type { StaffApi, WhatsAppDelivery } from "../api/staff-api.ts";
import { ErrorMessage } from "../ui/Status.tsx";
import { EmptyRow } from "./EmptyRow.tsx";
import { DEAD_LETTERS_REFRESH_MS } from "./use-dead-letter-count.ts";
import { useStaffList } from "./use-staff-list.ts";

/**
 * The WhatsApp messages that could not be sent within the retry window (dead letters), the
 * latest first, with Meta's error: an admin sends one, or the selected ones, again. The list
 * refreshes itself; a message sent again leaves it.
 */
export function DeadLettersScreen({ staff }: { staff: StaffApi }) {
  const { items, error, run, reload } = useStaffList<WhatsAppDelivery>(staff.failedDeliveries);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    const timer = setInterval(() => void reload(), DEAD_LETTERS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  // What is no longer listed (sent again, here or elsewhere) is no longer selected.
  const chosen = items.filter((item) => selected.has(item.id));

  const resend = (ids: string[]) =>
    run(async () => {
      for (const id of ids) await staff.resendDelivery(id);
      setSelected(new Set());
    });
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };

  return (
    <main className="staff-screen">
      <h1>Failed WhatsApp deliveries</h1>
      <p className="muted">
        Replies the Graph API did not take within the retry window (
        <code>WHATSAPP_RETRY_WINDOW</code>
        ), with Meta's error. Sending one again puts it after whatever the phone is already due.
      </p>
      <div className="dead-letters-actions">
        <button type="button" onClick={() => void reload()}>
          Refresh
        </button>
        <button
          type="button"
          className="primary"
          disabled={chosen.length === 0}
          onClick={() => void resend(chosen.map((item) => item.id))}
        >
          Resend selected ({chosen.length})
        </button>
      </div>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      <table className="dead-letters-table">
        <thead>
          <tr>
            <th>
              <input
                type="checkbox"
                aria-label="Select all"
                checked={items.length > 0 && chosen.length === items.length}
                onChange={(event) =>
                  setSelected(new Set(event.target.checked ? items.map((item) => item.id) : []))
                }
              />
            </th>
            <th>Phone</th>
            <th>Failed</th>
            <th>Message</th>
            <th>Meta's error</th>
            <th>Attempts</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items.length === 0 && <EmptyRow columns={7}>No failed deliveries.</EmptyRow>}
          {items.map((item) => (
            <tr key={item.id}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Select the message to +${item.waId}`}
                  checked={selected.has(item.id)}
                  onChange={(event) => toggle(item.id, event.target.checked)}
                />
              </td>
              <td>+{item.waId}</td>
              <td>{new Date(item.updatedAt).toLocaleString()}</td>
              <td className="dead-letter-text">{item.text}</td>
              {/* Meta's message, which names its code. */}
              <td>{item.error}</td>
              <td>{item.attempts}</td>
              <td>
                <button type="button" onClick={() => void resend([item.id])}>
                  Resend
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
