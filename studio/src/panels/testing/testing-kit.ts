import type { StudioApi } from "../../api/studio-api.ts";
import type { Editor } from "../../core/editor-store.ts";
import type { ChatController } from "../../runs/chat-controller.ts";
import type { Store } from "../../runs/store.ts";
import type { TestBench } from "../../runs/test-bench.ts";
import type { TestingApi } from "../../runs/testing-api.ts";
import type { ConversationsState } from "../conversations/conversations-state.ts";
import type { InboxState } from "../inbox/inbox-state.ts";
import type { RegressionState } from "../replay/regression-state.ts";
import type { SimulationsState } from "../simulations/simulations-state.ts";

/** The side panel's testing and operating tabs, by id. */
export type TestingTabId =
  | "chat"
  | "timeline"
  | "simulations"
  | "conversations"
  | "regression"
  | "inbox";

/**
 * What the testing panels share, made once per open flow so it outlives tab switches: the API,
 * the editor, the test bench (the turn in the timeline and its path on the canvas), the chat,
 * and each panel's state.
 */
export interface TestingKit {
  flowId: string;
  editor: Editor;
  studio: StudioApi;
  api: TestingApi;
  bench: TestBench;
  chat: ChatController;
  simulations: Store<SimulationsState>;
  conversations: Store<ConversationsState>;
  inbox: Store<InboxState>;
  regression: Store<RegressionState>;
  showTab(id: TestingTabId): void;
  /** Selects a node and brings it into view on the canvas. */
  focusNode(nodeId: string): void;
  /** Brings nodes into view on the canvas (a turn's path), without selecting them. */
  showNodes(nodeIds: string[]): void;
  /** Saves the editor's document as the draft; false when it failed (the header says why). */
  saveDraft(): Promise<boolean>;
}
