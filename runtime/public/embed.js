// Puts the Switchboard web chat on any page:
//   <script src="https://chat.example.com/embed.js" data-token="…" async></script>
// It adds a button that opens the chat in an iframe served by the Switchboard server, so the
// chat keeps its own origin and the host page needs no CORS settings.
(() => {
  const script = document.currentScript;
  if (!script) return;
  const origin = new URL(script.src).origin;
  const token = script.dataset.token || "";
  const label = script.dataset.label || "Chat with us";

  const frame = document.createElement("iframe");
  frame.title = label;
  frame.src = `${origin}/${token ? `?token=${encodeURIComponent(token)}` : ""}`;
  Object.assign(frame.style, {
    position: "fixed",
    right: "16px",
    bottom: "80px",
    width: "min(380px, calc(100vw - 32px))",
    height: "min(600px, calc(100vh - 112px))",
    border: "0",
    borderRadius: "12px",
    boxShadow: "0 8px 32px rgba(0, 0, 0, 0.2)",
    display: "none",
    zIndex: "2147483647",
    background: "#fff",
  });

  const button = document.createElement("button");
  button.type = "button";
  button.textContent = label;
  button.setAttribute("aria-expanded", "false");
  Object.assign(button.style, {
    position: "fixed",
    right: "16px",
    bottom: "16px",
    padding: "12px 18px",
    border: "0",
    borderRadius: "999px",
    background: "#2563eb",
    color: "#fff",
    font: "600 15px system-ui, sans-serif",
    cursor: "pointer",
    zIndex: "2147483647",
    boxShadow: "0 4px 16px rgba(0, 0, 0, 0.2)",
  });
  button.addEventListener("click", () => {
    const open = frame.style.display === "none";
    frame.style.display = open ? "block" : "none";
    button.setAttribute("aria-expanded", String(open));
  });

  const mount = () => document.body.append(frame, button);
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
