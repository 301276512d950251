import { type FormEvent, useState } from "react";
import { Dialog } from "../ui/Dialog.tsx";
import { ErrorMessage } from "../ui/Status.tsx";

interface SaveVersionDialogProps {
  open: boolean;
  problemCount: number;
  onClose: () => void;
  /** Saves; resolves with an error message when the server refused the version. */
  onSave: (note: string) => Promise<string | undefined>;
}

/** Saves the flow as a new version, with a note for the history. */
export function SaveVersionDialog({ open, problemCount, onClose, onSave }: SaveVersionDialogProps) {
  const [note, setNote] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const failure = await onSave(note.trim());
    setBusy(false);
    setError(failure);
    if (!failure) setNote("");
  }

  return (
    <Dialog
      open={open}
      title="Save as a new version"
      onClose={onClose}
      actions={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="save-version-form" className="primary" disabled={busy}>
            {busy ? "Saving…" : "Save version"}
          </button>
        </>
      }
    >
      <form id="save-version-form" className="form" onSubmit={submit}>
        {problemCount > 0 && (
          <p className="notice">
            The flow has {problemCount} problem{problemCount === 1 ? "" : "s"}; a version must
            validate, so the server will refuse it until they are fixed. Save the draft to keep the
            work in progress.
          </p>
        )}
        <label htmlFor="version-note">What changed</label>
        <textarea
          id="version-note"
          rows={3}
          maxLength={500}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
        {error && <ErrorMessage>{error}</ErrorMessage>}
      </form>
    </Dialog>
  );
}
