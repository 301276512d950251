import { type FormEvent, useState } from "react";
import { slugify } from "../core/flow-draft.ts";
import { Dialog } from "../ui/Dialog.tsx";
import { ErrorMessage } from "../ui/Status.tsx";

interface NewFlowDialogProps {
  open: boolean;
  onClose: () => void;
  /** Creates the flow; resolves with an error message when the server refused it. */
  onCreate: (id: string, name: string) => Promise<string | undefined>;
}

/** Names a new flow; its id follows the name until the user edits it. */
export function NewFlowDialog({ open, onClose, onCreate }: NewFlowDialogProps) {
  const [name, setName] = useState("");
  const [id, setId] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const flowId = id ?? slugify(name);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setError("Give the flow a name.");
    setBusy(true);
    const failure = await onCreate(flowId, name.trim());
    setBusy(false);
    if (failure) return setError(failure);
    setName("");
    setId(undefined);
    setError(undefined);
  }

  return (
    <Dialog
      open={open}
      title="New flow"
      onClose={onClose}
      actions={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="new-flow-form" className="primary" disabled={busy}>
            {busy ? "Creating…" : "Create flow"}
          </button>
        </>
      }
    >
      <form id="new-flow-form" className="form" onSubmit={submit}>
        <label htmlFor="new-flow-name">Name</label>
        <input
          id="new-flow-name"
          value={name}
          maxLength={120}
          onChange={(event) => setName(event.target.value)}
        />
        <label htmlFor="new-flow-id">Id</label>
        <input
          id="new-flow-id"
          value={flowId}
          maxLength={64}
          pattern="[A-Za-z_][A-Za-z0-9_\-]*"
          onChange={(event) => setId(event.target.value)}
        />
        <p className="hint">Letters, digits, “_” and “-”; chats and the API name the flow by it.</p>
        {error && <ErrorMessage>{error}</ErrorMessage>}
      </form>
    </Dialog>
  );
}
