// Puts a Switchboard web chat widget on any page, one per script tag:
//   <script src="https://chat.example.com/embed.js" data-flow="sales" async></script>
// Each widget is a launcher button that opens the chat of its flow in an iframe served by the
// Switchboard server, so the chat keeps its own origin and the host page needs no CORS settings.
// Its settings are the flow's widget's (set in the studio), which these attributes override:
// data-title, data-welcome, data-quick-starts ("Hours|Prices"), data-accent, data-accent-text,
// data-position (right|left), data-icon (chat|help|spark), data-theme (light|dark|auto),
// data-language, data-token (the client token, when the server asks for one).
// The launcher and the frame live in a shadow root, so the page's styles and another widget's
// can't reach them.
(() => {
  const script = document.currentScript;
  if (!script) return;
  const origin = new URL(script.src).origin;
  const data = script.dataset;
  const flow = data.flow || "";

  const ICONS = {
    chat: "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z",
    help: "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 16h-2v-2h2zm2.1-7.8-.9.9A3.4 3.4 0 0 0 13 14h-2v-.5a4 4 0 0 1 1.2-2.8l1.2-1.3A2 2 0 1 0 10 8H8a4 4 0 1 1 7.1 2.2z",
    spark: "M12 2l2.4 6.6L21 11l-6.6 2.4L12 20l-2.4-6.6L3 11l6.6-2.4z",
  };

  /** What this page's attributes say, over the stored settings. */
  const given = {
    title: data.title,
    welcome: data.welcome,
    quickStarts: data.quickStarts
      ?.split("|")
      .map((text) => text.trim())
      .filter(Boolean),
    accent: data.accent,
    accentText: data.accentText,
    position: data.position,
    icon: data.icon,
    theme: data.theme,
    language: data.language,
  };

  async function settingsOf() {
    const stored = flow
      ? await fetch(`${origin}/widgets/${encodeURIComponent(flow)}`)
          .then((response) => (response.ok ? response.json() : { settings: {} }))
          .then((widget) => widget.settings || {})
          .catch(() => ({}))
      : {};
    const settings = { ...stored };
    for (const [key, value] of Object.entries(given))
      if (value !== undefined) settings[key] = value;
    return settings;
  }

  /** The chat page for this widget: its flow, and the attributes the page overrides. */
  function frameUrl() {
    const query = new URLSearchParams({ embed: "1" });
    if (flow) query.set("flow", flow);
    if (data.token) query.set("token", data.token);
    if (given.title) query.set("title", given.title);
    if (given.welcome) query.set("welcome", given.welcome);
    for (const text of given.quickStarts || []) query.append("quick", text);
    if (given.accent) query.set("accent", given.accent);
    if (given.accentText) query.set("accentText", given.accentText);
    if (given.theme) query.set("theme", given.theme);
    if (given.language) query.set("lang", given.language);
    return `${origin}/?${query}`;
  }

  function mount(settings) {
    const side = settings.position === "left" ? "left" : "right";
    // Widgets on one side stack upwards rather than cover each other.
    window.__switchboardWidgets ??= { left: 0, right: 0 };
    const stacks = window.__switchboardWidgets;
    const offset = 16 + 72 * stacks[side];
    stacks[side] += 1;
    const accent = /^#[0-9a-f]{6}$/i.test(settings.accent || "") ? settings.accent : "#2563eb";
    const ink = /^#[0-9a-f]{6}$/i.test(settings.accentText || "") ? settings.accentText : "#ffffff";
    const title = settings.title || "Chat with us";

    const host = document.createElement("div");
    host.dataset.switchboardWidget = flow || "default";
    const root = host.attachShadow({ mode: "open" });
    const style = document.createElement("style");
    style.textContent = `
      :host { all: initial; }
      button {
        position: fixed; ${side}: 16px; bottom: ${offset}px; z-index: 2147483647;
        width: 56px; height: 56px; border: 0; border-radius: 50%; cursor: pointer;
        background: ${accent}; color: ${ink}; box-shadow: 0 4px 16px rgba(0, 0, 0, 0.2);
        display: grid; place-items: center;
      }
      svg { width: 28px; height: 28px; fill: currentColor; }
      iframe {
        position: fixed; ${side}: 16px; bottom: ${offset + 68}px; z-index: 2147483647;
        width: min(380px, calc(100vw - 32px)); height: min(600px, calc(100vh - ${offset + 100}px));
        border: 0; border-radius: 12px; box-shadow: 0 8px 32px rgba(0, 0, 0, 0.2);
        background: ${settings.theme === "dark" ? "#171b22" : "#fff"};
      }
      iframe[hidden] { display: none; }
    `;
    const frame = document.createElement("iframe");
    frame.title = title;
    frame.hidden = true;
    const button = document.createElement("button");
    button.type = "button";
    button.setAttribute("aria-label", title);
    button.setAttribute("aria-expanded", "false");
    button.title = title;
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    path.setAttribute("d", ICONS[settings.icon] || ICONS.chat);
    svg.append(path);
    button.append(svg);
    button.addEventListener("click", () => {
      // The chat loads on first open, so a page with widgets costs nothing until one is used.
      if (!frame.src) frame.src = frameUrl();
      frame.hidden = !frame.hidden;
      button.setAttribute("aria-expanded", String(!frame.hidden));
    });
    root.append(style, frame, button);
    document.body.append(host);
  }

  const ready = settingsOf();
  const start = () => ready.then(mount);
  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
