/* global document, localStorage, fetch, EventSource, setTimeout */
/*
 * The web chat page. Who the person is lives in the HttpOnly session cookie the server sets with
 * its first reply: this script never sees it, and no id is made or kept here. On opening, the page
 * shows the recent conversation the server keeps for the session (the last question with its
 * buttons included); without one it starts a conversation.
 */
(() => {
  'use strict';
  const log = document.getElementById('log');
  const form = document.getElementById('composer');
  const input = document.getElementById('text');
  /** After the server refused the event stream for a reason other than the session (busy), try again this much later. */
  const RETRY_EVENTS_MS = 30000;

  // Left by earlier versions of the page: ids that no longer select a conversation, and a "started" flag the session replaced.
  localStorage.removeItem('lokerbot.userId');
  localStorage.removeItem('lokerbot.userId.started');
  localStorage.removeItem('lokerbot.started');

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  }
  function format(text) {
    return escapeHtml(text).replace(/\*([^*\n]+)\*/g, '<strong>$1</strong>');
  }
  function scroll() { log.scrollTop = log.scrollHeight; }
  function clearChoices() { log.querySelectorAll('.choices').forEach((el) => el.remove()); }

  function addMessage(who, text) {
    const div = document.createElement('div');
    div.className = 'msg ' + who;
    div.innerHTML = format(text);
    log.appendChild(div);
    scroll();
    return div;
  }

  function showError(text) {
    const div = document.createElement('div');
    div.className = 'error';
    div.textContent = text;
    log.appendChild(div);
    scroll();
  }

  // Links of a reply (e.g. a vacancy's page) under its text; only http(s), opened in a new tab.
  function addLinks(div, links) {
    const box = document.createElement('div');
    box.className = 'links';
    for (const link of links) {
      if (!/^https?:\/\//i.test(link.url)) continue;
      const a = document.createElement('a');
      a.href = link.url;
      a.textContent = link.label;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      box.appendChild(a);
    }
    if (box.childElementCount) div.appendChild(box);
  }

  function addReply(reply, withChoices) {
    const div = addMessage('bot', reply.text);
    if (reply.links && reply.links.length) addLinks(div, reply.links);
    if (withChoices !== false && reply.choices && reply.choices.length) {
      const box = document.createElement('div');
      box.className = 'choices';
      for (const choice of reply.choices) {
        const b = document.createElement('button');
        b.type = 'button';
        b.textContent = choice.label;
        b.dataset.choiceId = choice.id;
        b.addEventListener('click', () => void send(choice.id, choice.label));
        box.appendChild(b);
      }
      log.appendChild(box);
      scroll();
    }
  }

  /** Posts one message; resolves with its replies and whether a new session had to be started. */
  async function post(text, mayStartOver) {
    const res = await fetch('/api/chat/messages', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text }),
    });
    // 401: the session cookie is no longer valid (the server's key changed). That answer cleared
    // the cookie, so sending again starts a new conversation.
    if (res.status === 401 && mayStartOver) return { replies: (await post(text, false)).replies, renewed: true };
    // A proxy in front may answer with an HTML error page: say so instead of a parse error.
    const body = await res.json().catch(() => null);
    if (!body) throw new Error('HTTP ' + res.status);
    if (!res.ok) {
      const error = new Error(body.error ? body.error.message : res.statusText);
      error.status = res.status;
      throw error;
    }
    return { replies: body.replies, renewed: false };
  }

  // One message at a time and in order: the first one's reply sets the session the next ones use.
  // `shown` is the person's bubble (a button's label); null sends without one (starting the conversation).
  let queue = Promise.resolve(true);
  function send(text, shown) {
    clearChoices();
    if (shown !== null) addMessage('me', shown || text);
    queue = queue.then(() => post(text, true)).then(
      ({ replies, renewed }) => {
        replies.forEach((reply) => addReply(reply));
        // The session exists now (first message, or a new one after a 401): follow its pushed messages.
        if (renewed || !events) openEvents();
        return true;
      },
      (err) => {
        // "Too many messages" comes in the person's language already.
        showError(err.status === 429 ? err.message : 'Gagal mengirim / Could not send: ' + err.message);
        return false;
      },
    );
    return queue;
  }

  /** Starts a conversation without a message on screen the person never typed. */
  function startConversation() {
    void send('halo', null);
  }

  /** The recent conversation as the server keeps it; the buttons of the last message, the question waiting. */
  function showTranscript(messages) {
    messages.forEach((message, i) => {
      if (message.from === 'person') addMessage('me', message.text);
      else addReply(message, i === messages.length - 1);
    });
  }

  // Pushed messages (alerts, broadcasts). The EventSource authenticates with the cookie.
  let events = null;
  function openEvents() {
    if (events) events.close();
    const source = new EventSource('/api/chat/events');
    events = source;
    source.addEventListener('message', (e) => addReply(JSON.parse(e.data)));
    // The chat is open in more tabs than the server keeps streams for, and this is the oldest.
    source.addEventListener('closed', () => source.close());
    source.addEventListener('error', () => {
      // CONNECTING: the browser reconnects by itself. CLOSED: the server refused; find out why.
      if (source.readyState === EventSource.CLOSED && events === source) void recover();
    });
  }

  async function recover() {
    const res = await fetch('/api/chat/session').catch(() => null);
    if (res && res.status === 401) {
      // No valid session any more (expired, or the server's key changed): start a new conversation.
      events = null;
      startConversation();
      return;
    }
    setTimeout(() => openEvents(), RETRY_EVENTS_MS);
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    void send(text);
  });

  async function open() {
    // A 401 here means the session cookie is no longer valid; that answer cleared it, so a new conversation starts.
    const res = await fetch('/api/chat/history').catch(() => null);
    const body = res && res.ok ? await res.json().catch(() => null) : null;
    const messages = body && Array.isArray(body.messages) ? body.messages : [];
    if (messages.length === 0) {
      // First visit (or nothing kept): the first message's reply sets the session; the event stream opens after it.
      startConversation();
      return;
    }
    showTranscript(messages);
    openEvents();
  }

  void open();
  input.focus();
})();
