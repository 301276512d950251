import { useId, useState } from "react";
import type { BoundChannel, WidgetSettings } from "../../../runtime/src/api-types.ts";
import { describeApiError } from "../api/api-result.ts";
import { useStudioApi } from "../app/api-context.tsx";
import { ErrorMessage } from "../ui/Status.tsx";
import type { LiveStatus } from "./use-live-status.ts";
import { embedSnippet, previewUrl } from "./widget-preview.ts";

const CHANNEL_NAMES: Record<BoundChannel, string> = {
  api: "Chat API (POST /api/chat)",
  whatsapp: "WhatsApp number",
};

/**
 * Where this flow answers customers: binds the chat API and WhatsApp to it, and sets up its web
 * widget with a live preview and the snippet to paste into a site.
 */
export function ChannelsPanel({ flowId, live }: { flowId: string; live: LiveStatus }) {
  const api = useStudioApi();
  const [notice, setNotice] = useState<{ text: string; error: boolean }>();
  const { overview } = live;
  const stored = overview?.widgets.find((widget) => widget.flowId === flowId);

  const done = async (result: { ok: boolean; error?: unknown }, text: string) => {
    setNotice(
      result.ok
        ? { text, error: false }
        : { text: describeApiError(result.error as never), error: true },
    );
    if (result.ok) await live.reload();
  };

  if (live.published === null)
    return (
      <div className="channels">
        <p>{live.text}. Publish a version to put this flow on a channel.</p>
      </div>
    );

  return (
    <div className="channels">
      <p className="live-status">{live.text}</p>
      {notice &&
        (notice.error ? (
          <ErrorMessage>{notice.text}</ErrorMessage>
        ) : (
          <p role="status">{notice.text}</p>
        ))}
      <h3>Channels</h3>
      <ul className="channel-list">
        {(["api", "whatsapp"] as const).map((channel) => {
          const binding = overview?.channels[channel];
          const here = binding?.flowId === flowId;
          return (
            <li key={channel}>
              <strong>{CHANNEL_NAMES[channel]}</strong>
              <div className="hint">
                {binding
                  ? `New chats go to ${binding.flowId}${binding.bound ? "" : " (the configured flow)"}${binding.enabled ? "" : "; the channel is off"}.`
                  : "Loading…"}
              </div>
              {here && binding?.bound ? (
                <button
                  type="button"
                  onClick={async () =>
                    done(
                      await api.channels.unbind(channel),
                      `${CHANNEL_NAMES[channel]} is back on the configured flow.`,
                    )
                  }
                >
                  Unbind
                </button>
              ) : (
                !here && (
                  <button
                    type="button"
                    onClick={async () =>
                      done(
                        await api.channels.bind(channel, flowId),
                        `${CHANNEL_NAMES[channel]}'s new chats now go to ${flowId}.`,
                      )
                    }
                  >
                    Bind to this flow
                  </button>
                )
              )}
            </li>
          );
        })}
      </ul>
      <h3>Web widget</h3>
      <WidgetForm
        key={stored?.updatedAt ?? "new"}
        flowId={flowId}
        initial={stored?.settings ?? {}}
        exists={stored !== undefined}
        onSave={async (settings) =>
          done(
            await api.channels.saveWidget(flowId, settings),
            "The widget is saved: pages with its snippet show it now.",
          )
        }
        onRemove={async () =>
          done(await api.channels.deleteWidget(flowId), "The widget is off the web.")
        }
      />
    </div>
  );
}

interface WidgetFormProps {
  flowId: string;
  initial: WidgetSettings;
  exists: boolean;
  onSave: (settings: WidgetSettings) => Promise<void>;
  onRemove: () => Promise<void>;
}

/** The widget's settings, its preview as they are being edited, and the snippet. */
function WidgetForm({ flowId, initial, exists, onSave, onRemove }: WidgetFormProps) {
  const id = useId();
  const [settings, setSettings] = useState<WidgetSettings>(initial);
  const [copied, setCopied] = useState(false);
  const set = <K extends keyof WidgetSettings>(key: K, value: WidgetSettings[K]) =>
    setSettings((current) => {
      const next = { ...current, [key]: value };
      if (value === "" || value === undefined) delete next[key];
      return next;
    });
  const snippet = embedSnippet(window.location.origin, flowId);
  const field = (name: string) => `${id}-${name}`;

  return (
    <form
      className="widget-form"
      onSubmit={(event) => {
        event.preventDefault();
        void onSave(settings);
      }}
    >
      <label htmlFor={field("title")}>Title</label>
      <input
        id={field("title")}
        value={settings.title ?? ""}
        maxLength={80}
        onChange={(event) => set("title", event.target.value)}
      />
      <label htmlFor={field("welcome")}>Welcome message</label>
      <textarea
        id={field("welcome")}
        value={settings.welcome ?? ""}
        maxLength={1000}
        rows={2}
        onChange={(event) => set("welcome", event.target.value)}
      />
      <label htmlFor={field("quick")}>Quick starts (one per line)</label>
      <textarea
        id={field("quick")}
        value={(settings.quickStarts ?? []).join("\n")}
        rows={2}
        onChange={(event) => {
          const lines = event.target.value.split("\n").slice(0, 6);
          set("quickStarts", lines.some((line) => line.trim()) ? lines : undefined);
        }}
        onBlur={() =>
          set(
            "quickStarts",
            settings.quickStarts?.map((line) => line.trim()).filter(Boolean) || undefined,
          )
        }
      />
      <label htmlFor={field("accent")}>Colour</label>
      <input
        id={field("accent")}
        type="color"
        value={settings.accent ?? "#2563eb"}
        onChange={(event) => set("accent", event.target.value)}
      />
      <label htmlFor={field("position")}>Position</label>
      <select
        id={field("position")}
        value={settings.position ?? "right"}
        onChange={(event) => set("position", event.target.value as "right" | "left")}
      >
        <option value="right">Bottom right</option>
        <option value="left">Bottom left</option>
      </select>
      <label htmlFor={field("icon")}>Launcher icon</label>
      <select
        id={field("icon")}
        value={settings.icon ?? "chat"}
        onChange={(event) => set("icon", event.target.value as "chat" | "help" | "spark")}
      >
        <option value="chat">Speech bubble</option>
        <option value="help">Question mark</option>
        <option value="spark">Spark</option>
      </select>
      <label htmlFor={field("theme")}>Theme</label>
      <select
        id={field("theme")}
        value={settings.theme ?? "light"}
        onChange={(event) => set("theme", event.target.value as "light" | "dark" | "auto")}
      >
        <option value="light">Light</option>
        <option value="dark">Dark</option>
        <option value="auto">The visitor's</option>
      </select>
      <label htmlFor={field("language")}>Language</label>
      <input
        id={field("language")}
        value={settings.language ?? ""}
        placeholder="en"
        maxLength={20}
        onChange={(event) => set("language", event.target.value)}
      />
      <div className="button-row">
        <button type="submit" className="primary">
          {exists ? "Save widget" : "Put on the web"}
        </button>
        {exists && (
          <button type="button" className="danger" onClick={() => void onRemove()}>
            Remove widget
          </button>
        )}
      </div>
      <h4>Preview</h4>
      <iframe
        className="widget-preview"
        title="Widget preview"
        src={previewUrl(flowId, settings)}
      />
      <h4>Snippet</h4>
      <pre className="widget-snippet">
        <code>{snippet}</code>
      </pre>
      <button
        type="button"
        onClick={async () => {
          await navigator.clipboard.writeText(snippet);
          setCopied(true);
        }}
      >
        {copied ? "Copied" : "Copy snippet"}
      </button>
    </form>
  );
}
