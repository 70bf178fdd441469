// The chat client: a user picker (local platform) or a token, then the conversation list and one
// conversation, kept live by the /ws stream. REST for lists and history, /ws for everything live.
import { api, devToken, signIn, signOut, token, tokenFromFragment, userOf } from './api.js';
import { Live } from './live.js';
import { avatar, day, el, richText, time } from './ui.js';
import { THUMBS_UP, actionBar, applyReaction, quote, reactionChips } from './actions.js';

const DEMO_USERS = ['alice', 'bob', 'carol', 'dave'];
const $ = (id) => document.getElementById(id);

const state = {
  me: null,
  conversations: new Map(),   // id -> wire conversation
  current: null,              // open conversation id
  messages: [],               // the open conversation's messages, oldest first
  pending: new Map(),         // clientMessageId -> {content, failed}
  presence: new Map(),        // userId -> {online, lastSeenAt}
  typing: new Map(),          // userId -> timer, in the open conversation
  search: '',
};
let live = null;
let typingSentAt = 0;
let typingStop = null;

// --- sign in ---

function boot() {
  const fromFragment = tokenFromFragment();
  if (fromFragment) {
    signIn(fromFragment);
  }
  if (token()) {
    startChat();
  } else {
    showLogin();
  }
}

function showLogin() {
  $('chat').hidden = true;
  $('login').hidden = false;
  const picker = $('picker');
  picker.replaceChildren(el('p', { text: 'Pick a demo user (local platform), or paste a token.' }),
      ...DEMO_USERS.map((user) => el('button', { type: 'button', text: user, onclick: () => pick(user) })));
  $('token-form').onsubmit = (e) => {
    e.preventDefault();
    signIn($('token-input').value.trim());
    startChat();
  };
}

async function pick(user) {
  const jwt = await devToken(user);
  if (!jwt) {
    $('picker').append(el('p', { role: 'alert', text: 'No development tokens here: paste a token.' }));
    return;
  }
  signIn(jwt);
  startChat();
}

async function startChat() {
  state.me = userOf(token());
  $('login').hidden = true;
  $('chat').hidden = false;
  $('me').textContent = state.me;
  $('sign-out').onclick = () => {
    live.stop();
    signOut();
    location.reload();
  };
  wireControls();
  live = new Live(token, { frame: onFrame, connected: () => banner(null),
    disconnected: () => banner('Connection lost — reconnecting…') });
  live.start();
  await loadConversations();
}

// --- the conversation list ---

async function loadConversations() {
  const { conversations } = await api.conversations();
  state.conversations = new Map(conversations.map((c) => [c._id, c]));
  renderList();
}

function displayName(conversation) {
  if (conversation.isGroup) {
    return conversation.name;
  }
  const other = conversation.participants.find((p) => p._id !== state.me) || conversation.participants[0];
  return (other.profile && other.profile.fullName) || other.username || other._id;
}

function otherUser(conversation) {
  return conversation.isGroup ? null : (conversation.participants.find((p) => p._id !== state.me) || {})._id;
}

function unreadOf(conversation) {
  return (conversation.unreadCount && conversation.unreadCount[state.me]) || 0;
}

function renderList() {
  const sorted = [...state.conversations.values()]
      .sort((a, b) => (b.lastMessageAt || '').localeCompare(a.lastMessageAt || ''));
  const q = state.search.toLowerCase();
  const items = sorted.filter((c) => !q || displayName(c).toLowerCase().includes(q)).map((c) => {
    const unread = unreadOf(c);
    const other = otherUser(c);
    const picture = !c.isGroup && c.participants.find((p) => p._id === other);
    const last = c.lastMessage;
    return el('li', { 'data-id': c._id, 'aria-current': c._id === state.current ? 'true' : null,
      tabindex: '0', onclick: () => openConversation(c._id),
      onkeydown: (e) => e.key === 'Enter' && openConversation(c._id) },
    avatar(displayName(c), picture && picture.profile && picture.profile.profilePicture,
        other && state.presence.get(other) && state.presence.get(other).online),
    el('span', { class: 'summary' },
        el('div', { class: 'name', text: displayName(c) }),
        el('div', { class: 'preview', text: last ? (last.sender === state.me ? 'You: ' : (c.isGroup ? last.sender + ': ' : ''))
            + last.content : '' })),
    el('span', {}, el('div', { class: 'time', text: last ? time(last.createdAt) : '' }),
        unread > 0 ? el('span', { class: 'badge', 'aria-label': unread + ' unread', text: String(unread) }) : null));
  });
  $('conversations').replaceChildren(...items);
  const total = [...state.conversations.values()].reduce((sum, c) => sum + unreadOf(c), 0);
  document.title = total > 0 ? '(' + total + ') Chat' : 'Chat';
}

async function searchPeople(q) {
  const people = $('people');
  if (!q) {
    people.hidden = true;
    return;
  }
  const { users } = await api.users(q);
  const strangers = users.filter((u) => u._id !== state.me);
  people.replaceChildren(...strangers.map((u) => el('li', { tabindex: '0', onclick: () => startDirect(u._id) },
      avatar(u.username, u.profile && u.profile.profilePicture, false),
      el('span', { class: 'summary', text: 'Message ' + ((u.profile && u.profile.fullName) || u.username) }))));
  people.hidden = strangers.length === 0;
}

function startDirect(userId) {
  const id = 'dm.' + [state.me, userId].sort().join('.');
  if (!state.conversations.has(id)) {
    state.conversations.set(id, { _id: id, participants: [{ _id: state.me }, { _id: userId, username: userId }],
      lastMessage: null, lastMessageAt: '', unreadCount: {} });
  }
  $('search').value = '';
  state.search = '';
  $('people').hidden = true;
  openConversation(id);
}

// --- one conversation ---

async function openConversation(id) {
  state.current = id;
  state.messages = [];
  state.typing.clear();
  $('chat').classList.add('open');
  $('conversation').hidden = false;
  const conversation = state.conversations.get(id);
  $('title').textContent = displayName(conversation);
  renderPresence();
  renderTyping();
  try {
    const page = await api.history(id);
    state.messages = page.messages;
  } catch (e) {
    state.messages = []; // a direct conversation that does not exist yet
  }
  renderMessages(true);
  renderList();
  markRead();
  $('message').focus();
}

function markRead() {
  const conversation = state.conversations.get(state.current);
  if (conversation && unreadOf(conversation) > 0 && document.visibilityState !== 'hidden') {
    api.read(state.current).catch(() => {});
  }
}

function atBottom() {
  const box = $('messages');
  return box.scrollHeight - box.scrollTop - box.clientHeight < 40;
}

function renderMessages(scrollToEnd) {
  const box = $('messages');
  const follow = scrollToEnd || atBottom();
  const nodes = [];
  let lastDay = null;
  for (const m of state.messages) {
    if (day(m.createdAt) !== lastDay) {
      lastDay = day(m.createdAt);
      nodes.push(el('div', { class: 'day', text: lastDay }));
    }
    nodes.push(messageNode(m));
  }
  for (const [clientMessageId, p] of state.pending) {
    if (p.conversationId === state.current) {
      nodes.push(pendingNode(clientMessageId, p));
    }
  }
  box.replaceChildren(...nodes);
  if (follow) {
    box.scrollTop = box.scrollHeight;
    $('new-pill').hidden = true;
  } else {
    $('new-pill').hidden = false;
  }
}

function messageNode(m) {
  const mine = m.sender === state.me;
  const ticks = mine ? (m.isRead ? ' ✓✓' : ' ✓') : '';
  const text = m.deleted ? 'This message was deleted' : m.content;
  return el('div', { class: 'msg' + (mine ? ' mine' : ''), 'data-version': m.version, 'data-id': m._id },
      quote(m),
      el('div', { class: 'text' }, ...richText(text)),
      reactionChips(m),
      el('div', { class: 'meta', text: time(m.createdAt) + (m.editedAt ? ' · edited' : '') + ticks,
        'aria-label': mine ? (m.isRead ? 'read' : 'sent') : null }),
      actionBar(m, mine, messageActions));
}

/** The actions under a message; their effect comes back as frames (messageEdited, reactionsUpdated …). */
const messageActions = {
  react: (m, add) => live.send(add ? 'react' : 'unreact',
      { messageId: m._id, conversationId: m.conversation, emoji: THUMBS_UP }),
  reply: (m) => {
    state.replyTo = m;
    state.editing = null;
    renderComposerMode();
  },
  edit: (m) => {
    state.editing = m;
    state.replyTo = null;
    $('message').value = m.content;
    renderComposerMode();
    $('message').focus();
  },
  remove: (m) => live.send('deleteMessage', { messageId: m._id, conversationId: m.conversation }),
};

function renderComposerMode() {
  const mode = $('composer-mode');
  const target = state.editing || state.replyTo;
  mode.hidden = !target;
  mode.replaceChildren(...(target ? [el('span', { text: (state.editing ? 'Editing: ' : 'Replying to ' + target.sender
      + ': ') + target.content }), el('button', { type: 'button', text: 'Cancel', onclick: () => {
    state.editing = null;
    state.replyTo = null;
    renderComposerMode();
  } })] : []));
}

function pendingNode(clientMessageId, p) {
  return el('div', { class: 'msg mine' + (p.failed ? ' failed' : '') },
      el('div', {}, ...richText(p.content)),
      el('div', { class: 'meta' }, p.failed
          ? el('button', { type: 'button', text: 'Not sent — retry', onclick: () => sendPending(clientMessageId) })
          : el('span', { 'aria-label': 'pending', text: 'Sending…' })));
}

async function loadOlder() {
  if (!state.current || state.messages.length === 0 || state.loadingOlder) {
    return;
  }
  state.loadingOlder = true;
  const box = $('messages');
  const before = box.scrollHeight;
  try {
    const page = await api.history(state.current, state.messages[0].version);
    if (page.messages.length > 0) {
      state.messages = page.messages.concat(state.messages);
      renderMessages(false);
      box.scrollTop = box.scrollHeight - before;
      $('new-pill').hidden = true;
    }
  } finally {
    state.loadingOlder = false;
  }
}

function renderPresence() {
  const conversation = state.conversations.get(state.current);
  const other = conversation && otherUser(conversation);
  const p = other && state.presence.get(other);
  $('presence').textContent = !p ? '' : p.online ? 'online'
      : p.lastSeenAt ? 'last seen ' + time(p.lastSeenAt) : '';
}

function renderTyping() {
  const who = [...state.typing.keys()];
  $('typing').textContent = who.length === 0 ? '' : who.join(', ') + (who.length === 1 ? ' is' : ' are') + ' typing…';
}

// --- sending ---

function sendPending(clientMessageId) {
  const p = state.pending.get(clientMessageId);
  p.failed = !live.send('sendMessage', { conversationId: p.conversationId, content: p.content, clientMessageId,
    replyTo: p.replyTo });
  renderMessages(true);
}

function send() {
  const text = $('message').value;
  if (!text.trim() || !state.current) {
    return;
  }
  $('message').value = '';
  stopTyping();
  if (state.editing) {
    live.send('editMessage', { messageId: state.editing._id, conversationId: state.current, content: text });
    state.editing = null;
    renderComposerMode();
    return;
  }
  const clientMessageId = crypto.randomUUID();
  const replyTo = state.replyTo ? state.replyTo._id : undefined;
  state.pending.set(clientMessageId, { conversationId: state.current, content: text, failed: false, replyTo });
  state.replyTo = null;
  renderComposerMode();
  sendPending(clientMessageId);
}

function typed() {
  const now = Date.now();
  if (now - typingSentAt > 2000) {
    typingSentAt = now;
    live.send('typing', { conversationId: state.current });
  }
  clearTimeout(typingStop);
  typingStop = setTimeout(stopTyping, 3000);
}

function stopTyping() {
  clearTimeout(typingStop);
  if (typingSentAt) {
    typingSentAt = 0;
    live.send('stopTyping', { conversationId: state.current });
  }
}

// --- the live stream ---

function onFrame(frame) {
  const d = frame.data || {};
  switch (frame.event) {
    case 'newMessage':
    case 'messageSent':
      received(d);
      break;
    case 'messageError':
      if (state.pending.has(d.clientMessageId)) {
        state.pending.get(d.clientMessageId).failed = true;
        renderMessages(false);
      }
      break;
    case 'conversationUpdated':
      updated(d);
      break;
    case 'messagesRead':
      if (d.conversationId === state.current && d.userId !== state.me) {
        state.messages.forEach((m) => { if (m.sender === state.me && m.version <= d.upToVersion) m.isRead = true; });
        renderMessages(false);
      }
      break;
    case 'userTyping':
    case 'userStoppedTyping':
      typing(frame.event === 'userTyping', d);
      break;
    case 'presence':
      state.presence.set(d.userId, d);
      renderPresence();
      renderList();
      break;
    case 'messageEdited':
    case 'messageDeleted':
      changed(frame.event, d);
      break;
    case 'reactionsUpdated': {
      const m = state.messages.find((x) => x._id === d.messageId);
      if (m) {
        applyReaction(m, d, state.me);
        renderMessages(false);
      }
      break;
    }
    case 'membersChanged':
    case 'reload':
      loadConversations().then(() => state.current && openConversation(state.current));
      break;
    default:
  }
}

function received(message) {
  state.pending.delete(message.clientMessageId);
  if (message.conversation === state.current && !state.messages.some((m) => m._id === message._id)) {
    state.messages.push(message);
    renderMessages(message.sender === state.me);
    if (message.sender !== state.me) {
      markRead();
    }
  }
}

function updated(update) {
  const conversation = state.conversations.get(update.conversationId);
  if (!conversation || conversation.version === undefined) {
    // New to this list (or started from a search): fetch it whole, with its participants.
    loadConversations();
    return;
  }
  conversation.lastMessage = update.lastMessage;
  conversation.lastMessageAt = update.lastMessage ? update.lastMessage.createdAt : conversation.lastMessageAt;
  conversation.unreadCount = Object.assign({}, conversation.unreadCount, { [state.me]: update.unreadCount });
  conversation.version = update.version;
  renderList();
  if (update.conversationId === state.current && update.unreadCount > 0) {
    markRead();
  }
}

function typing(now, d) {
  if (d.conversationId !== state.current) {
    return;
  }
  clearTimeout(state.typing.get(d.userId));
  if (now) {
    // Lapses by itself if the stop never comes.
    state.typing.set(d.userId, setTimeout(() => { state.typing.delete(d.userId); renderTyping(); }, 10000));
  } else {
    state.typing.delete(d.userId);
  }
  renderTyping();
}

function changed(event, d) {
  const m = state.messages.find((x) => x._id === d.messageId);
  if (!m) {
    return;
  }
  if (event === 'messageEdited') {
    m.content = d.content;
    m.editedAt = d.editedAt;
  } else {
    m.deleted = true;
    m.content = '';
    m.reactions = [];
  }
  renderMessages(false);
}

function banner(text) {
  $('banner').hidden = !text;
  $('banner').textContent = text || '';
}

// --- controls ---

function wireControls() {
  $('composer').onsubmit = (e) => {
    e.preventDefault();
    send();
  };
  $('message').onkeydown = (e) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      send();
    }
  };
  $('message').oninput = typed;
  $('search').oninput = (e) => {
    state.search = e.target.value.trim();
    renderList();
    searchPeople(state.search);
  };
  $('messages').onscroll = () => {
    if ($('messages').scrollTop === 0) {
      loadOlder();
    }
    if (atBottom()) {
      $('new-pill').hidden = true;
    }
  };
  $('new-pill').onclick = () => renderMessages(true);
  $('back').onclick = () => {
    $('chat').classList.remove('open');
    state.current = null;
    renderList();
  };
  document.addEventListener('visibilitychange', markRead);
}

boot();
