// The Switchboard web chat: talks to /ws/chat/completions, streams tokens, shows quick replies,
// reconnects, and reloads the current chat's history. Messages are only ever set as text
// (textContent), never parsed as HTML, so a reply can't inject markup or script.
(() => {
  const params = new URLSearchParams(location.search);
  const token = params.get("token") || "";
  const storage = {
    get: (key) => {
      try {
        return localStorage.getItem(`switchboard.${key}`) || "";
      } catch {
        return "";
      }
    },
    set: (key, value) => {
      try {
        if (value) localStorage.setItem(`switchboard.${key}`, value);
        else localStorage.removeItem(`switchboard.${key}`);
      } catch {
        // Private mode: the chat still works, it just isn't remembered.
      }
    },
  };

  const userId = storage.get("user") || `web-${crypto.randomUUID()}`;
  storage.set("user", userId);
  let chatId = storage.get("chat");
  let sessionId = "";

  const log = document.getElementById("log");
  const quick = document.getElementById("quick");
  const form = document.getElementById("form");
  const input = document.getElementById("input");
  const send = document.getElementById("send");
  const status = document.getElementById("status");

  /** Bot bubbles being streamed, by turn (message_id). */
  const streaming = new Map();
  let socket;
  let retries = 0;

  function scroll() {
    log.scrollTop = log.scrollHeight;
  }

  function bubble(kind, text, author) {
    const item = document.createElement("li");
    item.className = `message ${kind}`;
    if (author) {
      const label = document.createElement("span");
      label.className = "author";
      label.textContent = author;
      item.append(label);
    }
    const body = document.createElement("span");
    body.className = "text";
    body.textContent = text;
    item.append(body);
    log.append(item);
    scroll();
    return item;
  }

  function note(text, isError) {
    const item = document.createElement("li");
    item.className = isError ? "note error" : "note";
    item.textContent = text;
    log.append(item);
    scroll();
  }

  function showQuickReplies(replies) {
    quick.replaceChildren();
    for (const reply of replies || []) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = reply.title;
      button.addEventListener("click", () => ask(reply.id));
      quick.append(button);
    }
  }

  function setStatus(text) {
    status.textContent = text;
  }

  function authHeaders() {
    return token ? { authorization: `Bearer ${token}` } : {};
  }

  async function loadHistory() {
    log.replaceChildren();
    showQuickReplies([]);
    if (!chatId) return;
    const url = `/api/chats/${encodeURIComponent(chatId)}/messages?user_id=${encodeURIComponent(userId)}&limit=200`;
    const response = await fetch(url, { headers: authHeaders() }).catch(() => undefined);
    if (!response) return;
    if (response.status === 404) {
      chatId = "";
      storage.set("chat", "");
      return;
    }
    if (!response.ok) return;
    for (const message of await response.json()) {
      if (message.role === "user") bubble("user", message.content);
      else if (message.role === "agent") bubble("agent", message.content, "Agent");
      else if (message.role === "assistant") bubble("bot", message.content);
    }
  }

  function onEvent(event) {
    switch (event.type) {
      case "connected":
        return;
      case "start":
        chatId = event.chat_id;
        sessionId = event.session_id;
        storage.set("chat", chatId);
        setStatus("Typing…");
        return;
      case "token": {
        let item = streaming.get(event.message_id);
        if (!item) {
          item = bubble("bot streaming", "");
          streaming.set(event.message_id, item);
        }
        item.querySelector(".text").textContent += event.delta;
        scroll();
        return;
      }
      case "agent_response": {
        const item = streaming.get(event.message_id);
        streaming.delete(event.message_id);
        const kind = event.author === "agent" ? "agent" : "bot";
        if (item) {
          item.className = `message ${kind}`;
          item.querySelector(".text").textContent = event.content;
        } else {
          bubble(kind, event.content, kind === "agent" ? "Agent" : undefined);
        }
        showQuickReplies(event.quick_replies);
        return;
      }
      case "end":
        streaming.get(event.message_id)?.classList.remove("streaming");
        streaming.delete(event.message_id);
        setStatus(event.status === "handoff" ? "Waiting for a person…" : "Online");
        return;
      case "handoff":
        if (event.action === "opened") setStatus("Waiting for a person…");
        if (event.action === "agent_message") {
          bubble("agent", event.content, event.agent || "Agent");
          setStatus("Chatting with a person");
        }
        if (event.action === "handed_back" || event.action === "closed") {
          for (const reply of event.replies) bubble("bot", reply.content);
          showQuickReplies(event.replies.at(-1)?.quick_replies);
          setStatus(event.action === "closed" ? "Conversation closed" : "Online");
        }
        return;
      case "error":
        note(event.message, true);
        setStatus("Online");
        return;
      default:
        return;
    }
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const query = token ? `?token=${encodeURIComponent(token)}` : "";
    socket = new WebSocket(`${scheme}://${location.host}/ws/chat/completions${query}`);
    socket.addEventListener("open", () => {
      // After a reconnect, messages sent while away (a person's reply) come with the history.
      if (retries > 0) loadHistory();
      retries = 0;
      send.disabled = false;
      setStatus("Online");
    });
    socket.addEventListener("message", (message) => {
      try {
        onEvent(JSON.parse(message.data));
      } catch {
        // An event this page doesn't understand is skipped.
      }
    });
    socket.addEventListener("close", () => {
      send.disabled = true;
      const delay = Math.min(10000, 500 * 2 ** retries);
      retries += 1;
      setStatus("Reconnecting…");
      setTimeout(connect, delay);
    });
  }

  function ask(text) {
    const question = text.trim();
    if (!question || !socket || socket.readyState !== WebSocket.OPEN) return;
    bubble("user", question);
    showQuickReplies([]);
    socket.send(
      JSON.stringify({
        user_id: userId,
        question,
        chat_id: chatId || null,
        session_id: sessionId || null,
      }),
    );
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    ask(input.value);
    input.value = "";
    input.focus();
  });

  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  document.getElementById("new-chat").addEventListener("click", () => {
    chatId = "";
    sessionId = "";
    storage.set("chat", "");
    log.replaceChildren();
    showQuickReplies([]);
    input.focus();
  });

  send.disabled = true;
  loadHistory().finally(connect);
})();
