/* global document, localStorage, fetch, EventSource, setTimeout */
/*
 * The web chat page. Who the person is lives in the HttpOnly session cookie the server sets with
 * its first reply: this script never sees it, and no id is made or kept here. localStorage holds
 * only whether this browser has started a conversation, to greet a returning person.
 */
(() => {
  'use strict';
  const log = document.getElementById('log');
  const form = document.getElementById('composer');
  const input = document.getElementById('text');
  const STARTED = 'lokerbot.started';
  /** After the server refused the event stream for a reason other than the session (busy), try again this much later. */
  const RETRY_EVENTS_MS = 30000;

  // Left by the page before the server issued sessions; such an id no longer selects a conversation.
  localStorage.removeItem('lokerbot.userId');
  localStorage.removeItem('lokerbot.userId.started');

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

  function addReply(reply) {
    const div = addMessage('bot', reply.text);
    if (reply.links && reply.links.length) addLinks(div, reply.links);
    if (reply.choices && reply.choices.length) {
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
    if (!res.ok) throw new Error(body.error ? body.error.message : res.statusText);
    return { replies: body.replies, renewed: false };
  }

  // One message at a time and in order: the first one's reply sets the session the next ones use.
  let queue = Promise.resolve(true);
  function send(text, shown) {
    clearChoices();
    addMessage('me', shown || text);
    queue = queue.then(() => post(text, true)).then(
      ({ replies, renewed }) => {
        replies.forEach(addReply);
        // The session exists now (first message, or a new one after a 401): follow its pushed messages.
        if (renewed || !events) {
          localStorage.setItem(STARTED, '1');
          openEvents();
        }
        return true;
      },
      (err) => {
        showError('Gagal mengirim / Could not send: ' + err.message);
        return false;
      },
    );
    return queue;
  }

  // Pushed messages (alerts, broadcasts). The EventSource authenticates with the cookie.
  let events = null;
  function openEvents(onOpen) {
    if (events) events.close();
    const source = new EventSource('/api/chat/events');
    events = source;
    source.addEventListener('open', () => {
      if (onOpen) onOpen();
      onOpen = null;
    });
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
      localStorage.removeItem(STARTED);
      events = null;
      void send('halo');
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

  if (!localStorage.getItem(STARTED)) {
    // First visit: the first message's reply sets the session; the event stream opens after it.
    void send('halo');
  } else {
    // The bot remembers where the person was; the page does not keep the old messages.
    openEvents(() => addMessage('bot', 'Selamat datang kembali! Ketik jawaban Anda untuk melanjutkan, atau "menu".\nWelcome back! Type your answer to continue, or "menu".'));
  }
  input.focus();
})();
