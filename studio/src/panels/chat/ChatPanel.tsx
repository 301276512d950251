import { useState } from "react";
import { describeApiError } from "../../api/api-result.ts";
import { type ChatVersion, chatStatus } from "../../runs/chat-session.ts";
import { ErrorMessage } from "../../ui/Status.tsx";
import type { TestingKit } from "../testing/testing-kit.ts";
import { useStore } from "../testing/use-store.ts";
import { ChatComposer } from "./ChatComposer.tsx";
import { ChatTranscript } from "./ChatTranscript.tsx";
import { SaveSimulationDialog } from "./SaveSimulationDialog.tsx";
import { VersionPicker } from "./VersionPicker.tsx";

/**
 * A live conversation with the draft or any version of the flow: replies stream in, the path
 * lights up on the canvas node by node, and each turn opens in the timeline.
 */
export function ChatPanel({ kit }: { kit: TestingKit }) {
  const { session, error } = useStore(kit.chat);
  const { dirty } = useStore(kit.editor);
  const [saveOpen, setSaveOpen] = useState(false);
  const [notice, setNotice] = useState<string>();
  const status = chatStatus(session);
  const finished = session.turns.filter((turn) => turn.timeline.result).length;

  const restart = (version: ChatVersion = session.version) => {
    setNotice(undefined);
    kit.chat.restart(version);
  };

  return (
    <section className="testing-panel chat-panel" aria-label="Chat with the flow">
      <div className="panel-toolbar">
        <VersionPicker
          kit={kit}
          value={session.version}
          onChange={(version) => restart(version)}
          disabled={status === "running"}
        />
        <button type="button" onClick={() => restart()} disabled={session.turns.length === 0}>
          Start over
        </button>
        <button type="button" onClick={() => setSaveOpen(true)} disabled={finished === 0}>
          Save as simulation…
        </button>
      </div>
      {dirty && session.version === "draft" && (
        <p className="notice chat-dirty">
          The flow has unsaved edits; the chat runs the draft as last saved.{" "}
          <button type="button" className="link" onClick={() => void kit.saveDraft()}>
            Save the draft
          </button>
        </p>
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <ChatTranscript kit={kit} session={session} failureShown={error !== null} />
      {error && <ErrorMessage>{describeApiError(error)}</ErrorMessage>}
      <ChatComposer kit={kit} session={session} status={status} />
      <SaveSimulationDialog
        kit={kit}
        open={saveOpen}
        session={session}
        onClose={() => setSaveOpen(false)}
        onSaved={(name, file) => {
          setSaveOpen(false);
          setNotice(`Saved as the simulation “${name}” in ${file}.`);
        }}
      />
    </section>
  );
}
