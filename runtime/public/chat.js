// The Switchboard web chat: talks to /ws/chat/completions, streams tokens, shows quick replies,
// reconnects, and reloads the current chat's history. Messages are only ever set as text
// (textContent), never parsed as HTML, so a reply can't inject markup or script.
// `/?flow=sales` talks to that flow, with its widget's settings (title, welcome message, quick
// starts, colours, theme, language), which the page's own parameters override (see embed.js).
// Who the visitor is comes from the server: a site's token (`?token=`), or else the visitor token
// the server issues in the `connected` event, kept here and presented again on reconnect.
(() => {
  const params = new URLSearchParams(location.search);
  const token = params.get("token") || "";
  const flow = params.get("flow") || "";

  /** The widget's own words, by language; English for any other. */
  const WORDS = {
    en: {
      placeholder: "Type a message…",
      send: "Send",
      newChat: "New chat",
      connecting: "Connecting…",
      online: "Online",
      typing: "Typing…",
      waiting: "Waiting for a person…",
      person: "Chatting with a person",
      closed: "Conversation closed",
      reconnecting: "Reconnecting…",
    },
    es: {
      placeholder: "Escribe un mensaje…",
      send: "Enviar",
      newChat: "Nueva conversación",
      connecting: "Conectando…",
      online: "En línea",
      typing: "Escribiendo…",
      waiting: "Esperando a una persona…",
      person: "Hablando con una persona",
      closed: "Conversación cerrada",
      reconnecting: "Reconectando…",
    },
    fr: {
      placeholder: "Écrivez un message…",
      send: "Envoyer",
      newChat: "Nouvelle conversation",
      connecting: "Connexion…",
      online: "En ligne",
      typing: "Écrit…",
      waiting: "En attente d'une personne…",
      person: "En conversation avec une personne",
      closed: "Conversation terminée",
      reconnecting: "Reconnexion…",
    },
    de: {
      placeholder: "Nachricht eingeben…",
      send: "Senden",
      newChat: "Neuer Chat",
      connecting: "Verbinde…",
      online: "Online",
      typing: "Schreibt…",
      waiting: "Warte auf eine Person…",
      person: "Im Chat mit einer Person",
      closed: "Unterhaltung beendet",
      reconnecting: "Verbinde neu…",
    },
    pt: {
      placeholder: "Escreva uma mensagem…",
      send: "Enviar",
      newChat: "Nova conversa",
      connecting: "Conectando…",
      online: "Online",
      typing: "Digitando…",
      waiting: "Aguardando uma pessoa…",
      person: "Conversando com uma pessoa",
      closed: "Conversa encerrada",
      reconnecting: "Reconectando…",
    },
  };
  let words = WORDS.en;
  /** The welcome message and quick starts, shown while the chat is empty. */
  let welcome = { text: "", quickStarts: [] };
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

  // Per flow, so widgets of several flows on one site each keep their own chat, and the visitor
  // token it belongs to (widgets loading at once would each be issued one, the last kept).
  const chatKey = flow ? `chat.${flow}` : "chat";
  const visitorKey = flow ? `visitor.${flow}` : "visitor";
  let visitorToken = token ? "" : storage.get(visitorKey);
  // The template's protocol names a user; the server only heeds it from a trusted backend.
  let userId = storage.get("user") || `web-${crypto.randomUUID()}`;
  let chatId = storage.get(chatKey);
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

  const BACK = "Back with the assistant";
  /** "You are talking to <name>" while a person holds the chat, kept across the visitor's turns. */
  let withPerson = "";
  const talkingTo = (agent) => `You are talking to ${agent || "a person"}`;
  /** The status a reloaded page shows, from the server's view of the chat. */
  function stateText(event) {
    if (event.state === "waiting") return words.waiting;
    if (event.state === "agent") return talkingTo(event.agent);
    if (event.state === "handed_back") return BACK;
    return words.online;
  }

  function setStatus(text) {
    status.textContent = text;
  }

  function authHeaders() {
    const bearer = token || visitorToken;
    return bearer ? { authorization: `Bearer ${bearer}` } : {};
  }

  /** The page's settings: the flow's widget's, then the page's own parameters over them. */
  async function loadSettings() {
    const stored = flow
      ? await fetch(`/widgets/${encodeURIComponent(flow)}`)
          .then((response) => (response.ok ? response.json() : { settings: {} }))
          .then((widget) => widget.settings || {})
          .catch(() => ({}))
      : {};
    const given = {
      title: params.get("title") || undefined,
      welcome: params.get("welcome") || undefined,
      quickStarts: params.getAll("quick").length > 0 ? params.getAll("quick") : undefined,
      accent: params.get("accent") || undefined,
      accentText: params.get("accentText") || undefined,
      theme: params.get("theme") || undefined,
      language: params.get("lang") || undefined,
    };
    const settings = { ...stored };
    for (const [key, value] of Object.entries(given))
      if (value !== undefined) settings[key] = value;
    return settings;
  }

  function applySettings(settings) {
    const root = document.documentElement;
    if (params.has("embed")) root.dataset.embed = "";
    if (settings.theme) root.dataset.theme = settings.theme;
    const colour = /^#[0-9a-f]{6}$/i;
    if (colour.test(settings.accent || "")) root.style.setProperty("--accent", settings.accent);
    if (colour.test(settings.accentText || ""))
      root.style.setProperty("--accent-ink", settings.accentText);
    if (settings.language) root.lang = settings.language;
    words = WORDS[(settings.language || "en").slice(0, 2).toLowerCase()] || WORDS.en;
    if (settings.title) {
      document.querySelector(".chat-title").textContent = settings.title;
      document.title = settings.title;
    }
    input.placeholder = words.placeholder;
    input.setAttribute("aria-label", words.placeholder);
    send.textContent = words.send;
    document.getElementById("new-chat").textContent = words.newChat;
    setStatus(words.connecting);
    welcome = { text: settings.welcome || "", quickStarts: settings.quickStarts || [] };
  }

  /** The welcome message, before the user's first message: the bot's, never stored. */
  function showWelcome() {
    if (log.children.length > 0) return;
    if (welcome.text) bubble("bot welcome", welcome.text);
    showQuickReplies(welcome.quickStarts.map((text) => ({ id: text, title: text })));
  }

  async function loadHistory() {
    log.replaceChildren();
    showQuickReplies([]);
    if (!chatId) return showWelcome();
    const url = `/api/chats/${encodeURIComponent(chatId)}/messages?user_id=${encodeURIComponent(userId)}&limit=200`;
    const response = await fetch(url, { headers: authHeaders() }).catch(() => undefined);
    if (!response) return;
    if (response.status === 404 || response.status === 401) {
      chatId = "";
      storage.set(chatKey, "");
      return showWelcome();
    }
    if (!response.ok) return;
    for (const message of await response.json()) {
      if (message.role === "user") bubble("user", message.content);
      else if (message.role === "agent") bubble("agent", message.content, message.agent || "Agent");
      else if (message.role === "assistant") bubble("bot", message.content);
    }
  }

  function onEvent(event) {
    switch (event.type) {
      case "connected":
        if (event.visitor_token) {
          // A token other than the one presented: this is a new visitor, whose chats start afresh.
          if (event.visitor_token !== visitorToken) {
            chatId = "";
            storage.set(chatKey, "");
          }
          visitorToken = event.visitor_token;
          userId = event.user_id || userId;
          storage.set(visitorKey, visitorToken);
        }
        storage.set("user", userId);
        // After a reconnect, messages sent while away (a person's reply) come with the history,
        // and `resume` hears the chat's live events again and says who the visitor talks to.
        loadHistory();
        if (chatId) socket.send(JSON.stringify({ type: "resume", chat_id: chatId }));
        return;
      case "start":
        chatId = event.chat_id;
        sessionId = event.session_id;
        storage.set(chatKey, chatId);
        setStatus(words.typing);
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
        setStatus(event.status === "handoff" ? withPerson || words.waiting : words.online);
        return;
      case "handoff":
        if (event.action === "opened") setStatus(words.waiting);
        if (event.action === "state") {
          withPerson = event.state === "agent" ? talkingTo(event.agent) : "";
          setStatus(stateText(event));
        }
        if (event.action === "agent_typing") setStatus(`${event.agent} is typing…`);
        if (event.action === "agent_message") {
          bubble("agent", event.content, event.agent || "Agent");
          withPerson = talkingTo(event.agent);
          setStatus(withPerson);
        }
        if (event.action === "handed_back" || event.action === "closed") {
          withPerson = "";
          for (const reply of event.replies) bubble("bot", reply.content);
          showQuickReplies(event.replies.at(-1)?.quick_replies);
          setStatus(event.action === "closed" ? words.closed : BACK);
        }
        return;
      case "error":
        note(event.message, true);
        setStatus(words.online);
        return;
      default:
        return;
    }
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const query = token
      ? `?token=${encodeURIComponent(token)}`
      : visitorToken
        ? `?visitor_token=${encodeURIComponent(visitorToken)}`
        : "";
    socket = new WebSocket(`${scheme}://${location.host}/ws/chat/completions${query}`);
    socket.addEventListener("open", () => {
      retries = 0;
      send.disabled = false;
      setStatus(words.online);
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
      setStatus(words.reconnecting);
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
        flow: flow || null,
      }),
    );
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    ask(input.value);
    input.value = "";
    input.focus();
  });

  // The agent sees the visitor typing, told at most every few seconds.
  let typingSentAt = 0;
  input.addEventListener("input", () => {
    if (!chatId || !socket || socket.readyState !== WebSocket.OPEN) return;
    if (Date.now() - typingSentAt < 3000) return;
    typingSentAt = Date.now();
    socket.send(JSON.stringify({ type: "typing", chat_id: chatId }));
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
    storage.set(chatKey, "");
    log.replaceChildren();
    showQuickReplies([]);
    showWelcome();
    input.focus();
  });

  send.disabled = true;
  // The history (or the welcome message) shows before the socket is up, and again once it is.
  loadSettings().then(applySettings).then(loadHistory).finally(connect);
})();
