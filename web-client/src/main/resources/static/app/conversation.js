// One conversation: its history oldest first with day separators, older pages when scrolled to the top
// (the message in view stays where it was), following new messages only at the bottom (else a pill),
// ticks, typing, presence, and what happens to its messages live.
import { PAGE, api } from './api.js';
import { actionBar, applyReaction, quote, reactionChips } from './actions.js';
import { attachmentsNode } from './attachments.js';
import { renderList } from './list.js';
import { $, displayName, isAdmin, nameOf, otherUser, state, tickOf, typistsIn, unreadOf } from './state.js';
import { day, el, redraw, richText, time } from './ui.js';

const TYPING_LAPSE_MS = 10000;

let actions = {};   // react, reply, edit, remove, retry: set by the composer
let onHeader = () => {};

export function initConversation(messageActions, headerChanged) {
  actions = messageActions;
  onHeader = headerChanged;
  $('messages').onscroll = () => {
    if ($('messages').scrollTop === 0) {
      loadOlder();
    }
    if (atBottom()) {
      $('new-pill').hidden = true;
    }
  };
  $('new-pill').onclick = () => renderMessages({ toEnd: true });
  $('back').onclick = () => {
    $('chat').classList.remove('open');
    state.current = null;
    renderList();
  };
  document.addEventListener('visibilitychange', markRead);
}

export async function openConversation(id) {
  state.current = id;
  state.messages = [];
  state.replyTo = null;
  state.editing = null;
  $('chat').classList.add('open');
  $('conversation').hidden = false;
  $('new-pill').hidden = true;
  $('details').hidden = true;
  renderHeader();
  renderTyping();
  lookUpPresence(state.conversations.get(id));
  try {
    const page = await api.history(id);
    if (state.current !== id) {
      return;   // another conversation was opened meanwhile
    }
    state.messages = page.messages;
    state.reachedStart = page.messages.length < PAGE ? id : state.reachedStart;
  } catch (e) {
    state.messages = []; // a direct conversation without messages yet
  }
  renderMessages({ toEnd: true });
  renderList();
  markRead();
  $('message').focus();
}

/** Title, presence or members, and whether this user may still write here. */
export function renderHeader() {
  const conversation = state.conversations.get(state.current);
  if (!conversation) {
    return;
  }
  $('title').textContent = displayName(conversation);
  if (conversation.isGroup) {
    const count = conversation.participants.length;
    $('presence').textContent = count + (count === 1 ? ' member' : ' members');
  } else {
    const p = state.presence.get(otherUser(conversation));
    $('presence').textContent = !p ? '' : p.online ? 'online' : p.lastSeenAt ? 'last seen ' + time(p.lastSeenAt) : '';
  }
  const gone = !!conversation.left;
  $('composer').hidden = gone;
  $('left-note').hidden = !gone;
  onHeader(conversation);
}

/** A person new to this list has no presence yet (a frame per contact comes only when the stream starts). */
function lookUpPresence(conversation) {
  const other = conversation && otherUser(conversation);
  if (other && !state.presence.has(other)) {
    api.presence([other]).then(({ presence }) => {
      presence.forEach((p) => state.presence.set(p.userId, p));
      renderHeader();
    }).catch(() => {});
  }
}

export function markRead() {
  const conversation = state.conversations.get(state.current);
  if (conversation && !conversation.left && unreadOf(conversation) > 0 && document.visibilityState !== 'hidden') {
    api.read(state.current).catch(() => {});
  }
}

function atBottom() {
  const box = $('messages');
  return box.scrollHeight - box.scrollTop - box.clientHeight < 40;
}

/**
 * Draws the open conversation's messages and its pending sends. At the bottom (or `toEnd`) it stays at the
 * bottom; elsewhere the first message in view keeps its place on the screen.
 */
export function renderMessages({ toEnd = false } = {}) {
  const box = $('messages');
  const follow = toEnd || atBottom();
  const anchor = follow ? null : firstInView(box);
  const conversation = state.conversations.get(state.current);
  const nodes = [];
  let lastDay = null;
  let lastSender = null;
  for (const m of state.messages) {
    if (day(m.createdAt) !== lastDay) {
      lastDay = day(m.createdAt);
      lastSender = null;
      nodes.push(el('div', { class: 'day', text: lastDay }));
    }
    const showSender = conversation && conversation.isGroup && m.sender !== state.me && m.sender !== lastSender;
    nodes.push(messageNode(m, showSender ? nameOf(m.sender) : null, conversation));
    lastSender = m.sender;
  }
  for (const [clientMessageId, p] of state.pending) {
    if (p.conversationId === state.current) {
      nodes.push(pendingNode(clientMessageId, p));
    }
  }
  redraw(box, () => box.replaceChildren(...nodes));
  if (follow) {
    box.scrollTop = box.scrollHeight;
    $('new-pill').hidden = true;
  } else if (anchor) {
    const now = box.querySelector('[data-id="' + CSS.escape(anchor.id) + '"]');
    if (now) {
      box.scrollTop += offsetIn(box, now) - anchor.offset;
    }
  }
}

function firstInView(box) {
  for (const node of box.querySelectorAll('.msg[data-id]')) {
    const offset = offsetIn(box, node);
    if (offset + node.offsetHeight > 0) {
      return { id: node.dataset.id, offset };
    }
  }
  return null;
}

function offsetIn(box, node) {
  return node.getBoundingClientRect().top - box.getBoundingClientRect().top;
}

function messageNode(m, senderName, conversation) {
  const mine = m.sender === state.me;
  const tick = mine ? tickOf(m) : null;
  return el('div', { class: 'msg' + (mine ? ' mine' : ''), 'data-version': m.version, 'data-id': m._id },
      senderName ? el('div', { class: 'sender', text: senderName }) : null,
      quote(m, (id) => nameOf(id)),
      el('div', { class: 'text' }, ...richText(m.deleted ? 'This message was deleted' : m.content)),
      attachmentsNode(m),
      reactionChips(m),
      el('div', { class: 'meta', 'aria-label': tick },
          time(m.createdAt) + (m.editedAt ? ' · edited' : ''),
          tick ? el('span', { class: 'tick ' + tick, text: tick === 'sent' ? ' ✓' : ' ✓✓' }) : null),
      actionBar(m, { edit: mine, delete: mine || isAdmin(conversation), report: !mine }, actions));
}

function pendingNode(clientMessageId, p) {
  return el('div', { class: 'msg mine' + (p.failed ? ' failed' : ''), 'data-client-id': clientMessageId },
      el('div', { class: 'text' }, ...richText(p.content)),
      p.attachments && p.attachments.length > 0
        ? el('div', { class: 'muted', text: '📎 ' + p.attachments.map((a) => a.name).join(', ') }) : null,
      el('div', { class: 'meta' }, p.failed
          ? el('button', { type: 'button', text: 'Not sent — retry', onclick: () => actions.retry(clientMessageId) })
          : el('span', { 'aria-label': 'pending', text: 'Sending…' })));
}

async function loadOlder() {
  if (!state.current || state.messages.length === 0 || state.loadingOlder
      || state.reachedStart === state.current) {
    return;
  }
  state.loadingOlder = true;
  const id = state.current;
  try {
    const page = await api.history(id, state.messages[0].version);
    if (state.current !== id) {
      return;
    }
    if (page.messages.length < PAGE) {
      state.reachedStart = id;
    }
    state.messages = page.messages.concat(state.messages);
    renderMessages();
  } finally {
    state.loadingOlder = false;
  }
}

// --- live changes to the open conversation ---

/** A message stored (mine: it was acknowledged). */
export function received(message) {
  state.pending.delete(message.clientMessageId);
  const typists = state.typing.get(message.conversation);
  if (typists && typists.has(message.sender)) {
    typing(false, { conversationId: message.conversation, userId: message.sender });   // they sent it
  }
  if (message.conversation !== state.current) {
    return;
  }
  if (!state.messages.some((m) => m._id === message._id)) {
    const mine = message.sender === state.me;
    const follow = mine || atBottom();
    state.messages.push(message);
    renderMessages({ toEnd: mine });
    if (!follow) {
      $('new-pill').hidden = false;
    }
    if (!mine) {
      markRead();
    }
  } else {
    renderMessages();
  }
}

/** This user's messages up to a version reached a device of someone else. */
export function messageDelivered(d) {
  if (d.userId === state.me || d.upToVersion <= (state.delivered.get(d.conversationId) || 0)) {
    return;
  }
  state.delivered.set(d.conversationId, d.upToVersion);
  if (d.conversationId === state.current) {
    renderMessages();
  }
}

export function messagesRead(d) {
  if (d.conversationId === state.current && d.userId !== state.me) {
    state.messages.forEach((m) => { if (m.sender === state.me && m.version <= d.upToVersion) m.isRead = true; });
    renderMessages();
  }
}

export function messageChanged(event, d) {
  const m = state.messages.find((x) => x._id === d.messageId);
  if (!m) {
    return;
  }
  if (event === 'messageEdited') {
    m.content = d.content;
    m.editedAt = d.editedAt;
  } else if (event === 'messageDeleted') {
    m.deleted = true;
    m.content = '';
    m.reactions = [];
  } else {
    applyReaction(m, d, state.me);
  }
  renderMessages();
}

/**
 * Someone started or stopped typing, in any conversation (one opened later shows who is typing there
 * already: the server tells a change of state only once). Lapses by itself if the stop never comes.
 */
export function typing(now, d) {
  if (d.userId === state.me) {
    return;
  }
  const typists = state.typing.get(d.conversationId) || new Map();
  clearTimeout(typists.get(d.userId));
  if (now) {
    typists.set(d.userId, setTimeout(() => typing(false, d), TYPING_LAPSE_MS));
    state.typing.set(d.conversationId, typists);
  } else {
    typists.delete(d.userId);
    if (typists.size === 0) {
      state.typing.delete(d.conversationId);
    }
  }
  renderTyping();
  renderList();
}

function renderTyping() {
  const who = typistsIn(state.current);
  $('typing').textContent = who.length === 0 ? '' : who.join(', ') + (who.length === 1 ? ' is' : ' are') + ' typing…';
}
