import { useReactFlow } from "@xyflow/react";
import {
  Activity,
  FlaskConical,
  History,
  Inbox,
  MessageCircle,
  MessagesSquare,
} from "lucide-react";
import { useEffect, useMemo, useRef } from "react";
import type { FigureLink } from "../../analytics/figure-link.ts";
import { useStudioApi } from "../../app/api-context.tsx";
import type { Editor } from "../../core/editor-store.ts";
import { createChatController } from "../../runs/chat-controller.ts";
import { newChatSession } from "../../runs/chat-session.ts";
import type { PathHighlighter } from "../../runs/path-highlight.ts";
import { createStore } from "../../runs/store.ts";
import { createTestBench } from "../../runs/test-bench.ts";
import { ChatPanel } from "../chat/ChatPanel.tsx";
import { ConversationsPanel } from "../conversations/ConversationsPanel.tsx";
import { conversationsOf } from "../conversations/conversations-state.ts";
import { InboxPanel } from "../inbox/InboxPanel.tsx";
import { INITIAL_INBOX } from "../inbox/inbox-state.ts";
import { RegressionPanel } from "../replay/RegressionPanel.tsx";
import { INITIAL_REGRESSION } from "../replay/regression-state.ts";
import type { PanelTab } from "../SidePanel.tsx";
import { SimulationsPanel } from "../simulations/SimulationsPanel.tsx";
import { INITIAL_SIMULATIONS } from "../simulations/simulations-state.ts";
import { TimelinePanel } from "../timeline/TimelinePanel.tsx";
import type { TestingKit, TestingTabId } from "./testing-kit.ts";
import { useStore } from "./use-store.ts";
import "../../canvas/path.css";
import "./testing.css";

interface TestingTabsOptions {
  editor: Editor;
  flowId: string;
  /** Shows a tab of the side panel. */
  showTab: (id: TestingTabId) => void;
  saveDraft: () => Promise<boolean>;
  /** Opened from a figure of the analytics screen: the conversations behind it. */
  conversations?: FigureLink;
}

/**
 * The testing and operating tabs for the side panel (chat, timeline, simulations, conversations,
 * inbox), and the highlighter that lights a turn's path on the canvas. Their state lives here,
 * once per open flow, so it survives switching tabs.
 *
 * @example
 * const testing = useTestingTabs({ editor, flowId, showTab: setTab, saveDraft });
 * <FlowCanvas editor={editor} highlighter={testing.highlighter} />
 */
export function useTestingTabs(options: TestingTabsOptions): {
  tabs: PanelTab[];
  highlighter: PathHighlighter;
} {
  const studio = useStudioApi();
  const { fitView } = useReactFlow();
  const latest = useRef({ ...options, fitView });
  latest.current = { ...options, fitView };
  const { editor, flowId } = options;

  const kit = useMemo((): TestingKit => {
    const api = studio.testing;
    return {
      flowId,
      editor,
      studio,
      api,
      bench: createTestBench(),
      chat: createChatController(api.startTestTurn, newChatSession(flowId)),
      simulations: createStore(INITIAL_SIMULATIONS),
      conversations: createStore(conversationsOf(latest.current.conversations)),
      inbox: createStore(INITIAL_INBOX),
      regression: createStore(INITIAL_REGRESSION),
      showTab: (id) => latest.current.showTab(id),
      focusNode: (id) => {
        editor.selectNode(id);
        void latest.current.fitView({ nodes: [{ id }], duration: 300, maxZoom: 1.2 });
      },
      showNodes: (ids) => {
        if (ids.length === 0) return;
        const nodes = [...new Set(ids)].map((id) => ({ id }));
        void latest.current.fitView({ nodes, duration: 300, maxZoom: 1, padding: 0.3 });
      },
      saveDraft: () => latest.current.saveDraft(),
    };
  }, [studio, editor, flowId]);

  // The canvas lights paths over the flow as it is now.
  useEffect(() => {
    const sync = () => kit.bench.setCanvasFlow(kit.flowId, kit.editor.getState().flow.edges);
    sync();
    const stop = kit.editor.subscribe(sync);
    return () => {
      stop();
    };
  }, [kit]);

  // A turn sent in the chat opens in the timeline and is followed as it streams, until another
  // turn is opened there.
  useEffect(() => {
    let followed: string | undefined;
    const follow = () => {
      const { session } = kit.chat.getState();
      const turn = session.turns.at(-1);
      const open = kit.bench.getState().inspection;
      if (!turn) {
        if (open?.key.startsWith("chat:")) kit.bench.close();
        return;
      }
      const key = `chat:${session.threadId}:${turn.number}`;
      if (key !== followed || open?.key === key) {
        followed = key;
        kit.bench.inspect({ key, label: `Chat, turn ${turn.number}`, timeline: turn.timeline });
      }
    };
    const stop = kit.chat.subscribe(follow);
    return () => {
      stop();
      kit.chat.restart();
    };
  }, [kit]);

  const { run } = useStore(kit.simulations);
  const failing = run.state === "done" ? run.summary.failed : 0;
  const { job } = useStore(kit.regression);
  const tabs: PanelTab[] = [
    { id: "chat", label: "Chat", icon: MessageCircle, content: <ChatPanel kit={kit} /> },
    { id: "timeline", label: "Timeline", icon: Activity, content: <TimelinePanel kit={kit} /> },
    {
      id: "simulations",
      label: failing > 0 ? `Simulations (${failing} failing)` : "Simulations",
      icon: FlaskConical,
      count: failing,
      content: <SimulationsPanel kit={kit} />,
    },
    {
      id: "conversations",
      label: "Conversations",
      icon: MessagesSquare,
      content: <ConversationsPanel kit={kit} />,
    },
    {
      id: "regression",
      label: "Regression",
      icon: History,
      count: job?.status === "done" ? job.report.changed : 0,
      content: <RegressionPanel kit={kit} />,
    },
    { id: "inbox", label: "Inbox", icon: Inbox, content: <InboxPanel kit={kit} /> },
  ];
  return { tabs, highlighter: kit.bench.highlighter };
}
