import type { NodeType } from "@switchboard/engine/schema";
import { useReactFlow } from "@xyflow/react";
import { History, RadioTower, SlidersHorizontal, TriangleAlert } from "lucide-react";
import { useCallback, useEffect, useRef, useState } from "react";
import type { FigureLink } from "../analytics/figure-link.ts";
import type { Route } from "../app/route.ts";
import { navigate } from "../app/use-route.ts";
import { DiffCanvas } from "../canvas/DiffCanvas.tsx";
import { FIT_VIEW, FlowCanvas } from "../canvas/FlowCanvas.tsx";
import { FlowMinimap } from "../canvas/FlowMinimap.tsx";
import { NodeSearch } from "../canvas/NodeSearch.tsx";
import { Palette } from "../canvas/Palette.tsx";
import { useEditorSelector } from "../canvas/use-editor-state.ts";
import { ChannelsPanel } from "../channels/ChannelsPanel.tsx";
import { livePlaces } from "../channels/live-places.ts";
import { useLiveStatus } from "../channels/use-live-status.ts";
import { type DiffOverlay, diffOverlay } from "../core/diff-overlay.ts";
import { type Editor, NOTHING_SELECTED } from "../core/editor-store.ts";
import { addNode, moveNodes } from "../core/flow-edits.ts";
import { freeSpotNear } from "../core/free-spot.ts";
import { nodeGeometry } from "../core/node-geometry.ts";
import { HelpDialog } from "../panels/HelpDialog.tsx";
import { Inspector } from "../panels/Inspector.tsx";
import { ProblemsPanel } from "../panels/ProblemsPanel.tsx";
import { SaveVersionDialog } from "../panels/SaveVersionDialog.tsx";
import { type PanelTab, SidePanel } from "../panels/SidePanel.tsx";
import { useTestingTabs } from "../panels/testing/use-testing-tabs.tsx";
import { VersionsPanel } from "../panels/VersionsPanel.tsx";
import { ConfirmDialog } from "../ui/ConfirmDialog.tsx";
import { ErrorMessage } from "../ui/Status.tsx";
import { EditorHeader } from "./EditorHeader.tsx";
import { useAutoLayout } from "./use-auto-layout.ts";
import { useEditorShortcuts } from "./use-editor-shortcuts.ts";
import { useSaving } from "./use-saving.ts";

/** The editor around one flow: toolbar, palette, canvas, and the side panel's tabs. */
export function EditorWorkspace({
  editor,
  flowId,
  conversations,
}: {
  editor: Editor;
  flowId: string;
  /** Opened from a figure of the analytics screen: the Conversations tab on the figure's. */
  conversations?: FigureLink;
}) {
  // Read value by value, so a drag (which changes the document on every frame) redraws none of this.
  const flowName = useEditorSelector(editor, (s) => s.flow.name);
  const dirty = useEditorSelector(editor, (s) => s.dirty);
  const problemCount = useEditorSelector(editor, (s) => s.problems.length);
  const canUndo = useEditorSelector(editor, (s) => s.canUndo);
  const canRedo = useEditorSelector(editor, (s) => s.canRedo);
  const layingOut = useEditorSelector(editor, (s) => s.layingOut);
  const { fitView, screenToFlowPosition } = useReactFlow();
  const { status, saveDraft, saveVersion } = useSaving(editor);
  const [tab, setTab] = useState(conversations ? "conversations" : "inspector");
  const [helpOpen, setHelpOpen] = useState(false);
  const [versionOpen, setVersionOpen] = useState(false);
  // Where the user asked to go with unsaved changes, until they confirm or cancel.
  const [leaving, setLeaving] = useState<Route>();
  const [versionsKey, setVersionsKey] = useState(0);
  const [comparing, setComparing] = useState<{ overlay: DiffOverlay; title: string }>();
  const canvasRef = useRef<HTMLDivElement>(null);
  const live = useLiveStatus(flowId);

  const onSave = useCallback(() => void saveDraft(), [saveDraft]);
  const onHelp = useCallback(() => setHelpOpen(true), []);
  useEditorShortcuts(editor, { onSave, onHelp });
  const autoLayout = useAutoLayout(editor);

  // The browser asks before a reload or a closed tab throws unsaved edits away.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const addInView = useCallback(
    (type: NodeType) => {
      const box = canvasRef.current?.getBoundingClientRect();
      const center = box
        ? { x: box.left + box.width / 2, y: box.top + box.height / 2 }
        : { x: 0, y: 0 };
      const at = screenToFlowPosition(center);
      let added = "";
      editor.edit((flow) => {
        const result = addNode(flow, type, at);
        added = result.id;
        const node = result.flow.nodes.find((n) => n.id === added);
        if (!node) return result.flow;
        // In free space near the view's centre, not on top of the nodes already there.
        const spot = freeSpotNear(flow, at, nodeGeometry(node, result.flow.edges));
        return moveNodes(result.flow, new Map([[added, spot]]));
      });
      editor.selectNode(added);
      setTab("inspector");
    },
    [editor, screenToFlowPosition],
  );

  const openNode = useCallback(() => setTab("inspector"), []);

  const focusFlow = useCallback(() => {
    editor.select(NOTHING_SELECTED);
    setTab("inspector");
  }, [editor]);

  const focusNode = useCallback(
    (id: string) => {
      editor.selectNode(id);
      setTab("inspector");
      void fitView({ nodes: [{ id }], duration: 300, minZoom: 1, maxZoom: 1 });
    },
    [editor, fitView],
  );

  const leave = (route: Route) => (dirty ? setLeaving(route) : navigate(route));

  const testing = useTestingTabs({ editor, flowId, showTab: setTab, saveDraft, conversations });
  const tabs: PanelTab[] = [
    {
      id: "inspector",
      label: "Inspector",
      icon: SlidersHorizontal,
      content: <Inspector editor={editor} saveDraft={saveDraft} />,
    },
    {
      id: "problems",
      label: problemCount ? `Problems (${problemCount})` : "Problems",
      icon: TriangleAlert,
      count: problemCount,
      content: <ProblemsPanel editor={editor} onFocusNode={focusNode} onFocusFlow={focusFlow} />,
    },
    {
      id: "versions",
      label: "Versions",
      icon: History,
      content: (
        <VersionsPanel
          editor={editor}
          flowId={flowId}
          refreshKey={versionsKey}
          onSaveVersion={() => setVersionOpen(true)}
          onShowOnCanvas={(newer, diff, title) =>
            setComparing({ overlay: diffOverlay(newer, diff), title })
          }
          livePlaces={(version) => livePlaces(flowId, version, live.overview)}
          onPublished={live.reload}
        />
      ),
    },
    {
      id: "channels",
      label: "Channels",
      icon: RadioTower,
      content: <ChannelsPanel flowId={flowId} live={live} />,
    },
    ...testing.tabs,
  ];

  return (
    <div className="editor">
      <EditorHeader
        flowName={flowName}
        live={live.text}
        dirty={dirty}
        problemCount={problemCount}
        canUndo={canUndo}
        canRedo={canRedo}
        layingOut={layingOut}
        status={status}
        onBack={() => leave({ screen: "flows" })}
        onUndo={editor.undo}
        onRedo={editor.redo}
        search={<NodeSearch editor={editor} onPick={focusNode} />}
        onLayout={autoLayout}
        onFitView={() => fitView({ ...FIT_VIEW, duration: 200 })}
        onSaveDraft={onSave}
        onSaveVersion={() => setVersionOpen(true)}
        onHelp={onHelp}
        onKnowledge={() => leave({ screen: "knowledge", flowId })}
      />
      {status.state === "failed" && (
        <ErrorMessage onRetry={onSave}>
          {status.message} Your edits are still here, and a copy is kept in this browser.
        </ErrorMessage>
      )}
      <div className="editor-body">
        <Palette onAdd={addInView}>
          <FlowMinimap />
        </Palette>
        <div className="canvas-area" ref={canvasRef}>
          <FlowCanvas editor={editor} highlighter={testing.highlighter} onOpenNode={openNode} />
          {comparing && (
            <DiffCanvas
              overlay={comparing.overlay}
              title={comparing.title}
              onClose={() => setComparing(undefined)}
            />
          )}
        </div>
        <SidePanel tabs={tabs} active={tab} onSelect={setTab} />
      </div>
      <HelpDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
      <SaveVersionDialog
        open={versionOpen}
        problemCount={problemCount}
        onClose={() => setVersionOpen(false)}
        onSave={async (note) => {
          const failure = await saveVersion(note);
          if (!failure) {
            setVersionOpen(false);
            setVersionsKey((key) => key + 1);
          }
          return failure;
        }}
      />
      <ConfirmDialog
        open={leaving !== undefined}
        title="Unsaved changes"
        message="This flow has changes that are not saved. Leave it and lose them?"
        confirmLabel="Leave without saving"
        danger
        onConfirm={() => {
          if (leaving) navigate(leaving);
          setLeaving(undefined);
        }}
        onCancel={() => setLeaving(undefined)}
      />
    </div>
  );
}
