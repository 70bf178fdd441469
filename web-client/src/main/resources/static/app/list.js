// The conversation list: sorted by last activity, unread badges and the total in the title, presence dots,
// and the search box that filters it and finds people to start a conversation with.
import { api } from './api.js';
import { findPeople, personRow } from './people.js';
import { $, displayName, nameOf, otherUser, participant, state, typistsIn, unreadOf } from './state.js';
import { avatar, el, redraw, time } from './ui.js';

let open = () => {};

/** `onOpen(conversationId)` opens a conversation when one is picked. */
export function initList(onOpen) {
  open = onOpen;
  $('search').oninput = (e) => {
    state.search = e.target.value.trim();
    renderList();
    searchPeople(state.search);
  };
}

export async function loadConversations() {
  const { conversations } = await api.conversations();
  // Keep a direct conversation started from a search that has no message yet, and a group left while open.
  const drafts = [...state.conversations.values()].filter((c) => (c.version === undefined || c.left)
      && !conversations.some((x) => x._id === c._id));
  state.conversations = new Map(conversations.concat(drafts).map((c) => [c._id, c]));
  renderList();
}

/** A conversation as it is now (after a change to its members or name), into the list. */
export function remember(conversation) {
  state.conversations.set(conversation._id, conversation);
  renderList();
}

export function forget(conversationId) {
  state.conversations.delete(conversationId);
  renderList();
}

export function renderList() {
  const sorted = [...state.conversations.values()]
      .sort((a, b) => (b.lastMessageAt || '').localeCompare(a.lastMessageAt || ''));
  const q = state.search.toLowerCase();
  // A group this user was removed from stays only while it is open.
  const shown = sorted.filter((c) => (!c.left || c._id === state.current)
      && (!q || displayName(c).toLowerCase().includes(q)));
  redraw($('conversations'), () => $('conversations').replaceChildren(...shown.map(item)));
  const total = [...state.conversations.values()].filter((c) => !c.left)
      .reduce((sum, c) => sum + unreadOf(c), 0);
  document.title = total > 0 ? '(' + total + ') Chat' : 'Chat';
}

function item(c) {
  const unread = unreadOf(c);
  const other = otherUser(c);
  const person = other && participant(c, other);
  const last = c.lastMessage;
  const typists = typistsIn(c._id);
  const from = !last ? '' : last.sender === state.me ? 'You: ' : c.isGroup ? nameOf(last.sender, c) + ': ' : '';
  return el('li', { 'data-id': c._id, 'aria-current': c._id === state.current ? 'true' : null, tabindex: '0',
    onclick: () => open(c._id), onkeydown: (e) => e.key === 'Enter' && open(c._id) },
  avatar(displayName(c), person && person.profile && person.profile.profilePicture,
      other && state.presence.get(other) && state.presence.get(other).online),
  el('span', { class: 'summary' },
      el('div', { class: 'name', text: displayName(c) }),
      typists.length > 0
        ? el('div', { class: 'preview typing', text: (c.isGroup ? typists.join(', ') + ' ' : '') + 'typing…' })
        : el('div', { class: 'preview', text: last ? from + last.content : c.isGroup ? 'Group created' : '' })),
  el('span', {}, el('div', { class: 'time', text: last ? time(last.createdAt) : '' }),
      unread > 0 ? el('span', { class: 'badge', 'aria-label': unread + ' unread', text: String(unread) }) : null));
}

async function searchPeople(q) {
  const strangers = await findPeople(q);
  if (state.search !== q) {
    return;   // typed on meanwhile
  }
  $('people').replaceChildren(...strangers.map((u) => personRow(u, 'Message', startDirect)));
  $('people').hidden = strangers.length === 0;
}

/** Opens the direct conversation with this person, a draft until its first message. */
function startDirect(user) {
  const id = 'dm.' + [state.me, user._id].sort().join('.');
  if (!state.conversations.has(id)) {
    state.conversations.set(id, { _id: id, participants: [{ _id: state.me }, user],
      lastMessage: null, lastMessageAt: '', unreadCount: {} });
  }
  $('search').value = '';
  state.search = '';
  $('people').hidden = true;
  open(id);
}
