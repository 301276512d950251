import { type FormEvent, useEffect, useState } from "react";
import type { StaffApi } from "../api/staff-api.ts";
import { ErrorMessage } from "../ui/Status.tsx";

/**
 * The team's canned replies, which every agent picks from in the inbox: admins and editors edit
 * them here, one reply a line, and save them on the server for everyone.
 */
export function CannedRepliesScreen({ staff }: { staff: StaffApi }) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState<string>();

  useEffect(() => {
    staff.cannedReplies().then(
      (replies) => setText(replies.map((reply) => reply.text).join("\n")),
      (failure: Error) => setError(failure.message),
    );
  }, [staff]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setSaved(undefined);
    const replies = text
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "");
    try {
      const stored = await staff.saveCannedReplies(replies);
      setText(stored.map((reply) => reply.text).join("\n"));
      setSaved(`Saved ${stored.length} replies for the team.`);
    } catch (failure) {
      setError((failure as Error).message);
    }
  };

  return (
    <main className="staff-screen">
      <h1>Canned replies</h1>
      <form onSubmit={(event) => void save(event)}>
        <label htmlFor="canned-replies">
          Replies, one a line (the inbox shows them in this order)
        </label>
        <textarea
          id="canned-replies"
          rows={12}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" className="primary">
          Save
        </button>
      </form>
      {saved && <p role="status">{saved}</p>}
      {error && <ErrorMessage>{error}</ErrorMessage>}
    </main>
  );
}
