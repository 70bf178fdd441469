// Groups: creating one (a name and people), and a group's details — its members and admins, renaming,
// adding and removing members (admins), leaving. Changes arrive for everyone as membersChanged frames.
import { api } from './api.js';
import { renderHeader } from './conversation.js';
import { forget, remember } from './list.js';
import { findPeople, personRow } from './people.js';
import { $, isAdmin, nameOf, personName, state } from './state.js';
import { el } from './ui.js';

let open = () => {};
let chosen = [];   // the new group's people: wire users

export function initGroups(onOpen) {
  open = onOpen;
  $('new-group').onclick = startNewGroup;
  $('group-cancel').onclick = () => $('group-dialog').close();
  $('group-form').onsubmit = (e) => {
    e.preventDefault();
    createGroup();
  };
  finder($('group-find'), $('group-found'), () => chosen.map((u) => u._id), 'Add', (user) => {
    chosen.push(user);
    renderChosen();
  });
  $('details-toggle').onclick = () => showDetails($('details').hidden);
  $('rename-form').onsubmit = (e) => {
    e.preventDefault();
    change(() => api.renameGroup(state.current, $('rename-input').value.trim()));
  };
  finder($('member-find'), $('member-found'), () => current().participants.map((p) => p._id), 'Add',
      (user) => change(() => api.addMembers(state.current, [user._id])));
  $('leave').onclick = () => change(() => api.removeMember(state.current, state.me));
}

function current() {
  return state.conversations.get(state.current);
}

/** A search box whose results (people not yet in `except()`) each do `onPick` when picked. */
function finder(input, results, except, label, onPick) {
  input.oninput = async () => {
    const q = input.value.trim();
    const people = await findPeople(q, except());
    if (input.value.trim() !== q) {
      return;
    }
    results.replaceChildren(...people.map((u) => personRow(u, label, (picked) => {
      input.value = '';
      results.replaceChildren();
      onPick(picked);
      input.focus();
    })));
  };
}

// --- a new group ---

function startNewGroup() {
  chosen = [];
  $('group-form').reset();
  $('group-found').replaceChildren();
  $('group-error').textContent = '';
  renderChosen();
  $('group-dialog').showModal();
  $('group-name').focus();
}

function renderChosen() {
  $('group-chosen').replaceChildren(...chosen.map((u) => el('li', {},
      el('span', { text: personName(u) }),
      el('button', { type: 'button', text: 'Remove', 'aria-label': 'Remove ' + personName(u), onclick: () => {
        chosen = chosen.filter((x) => x._id !== u._id);
        renderChosen();
      } }))));
}

async function createGroup() {
  try {
    const { conversation } = await api.createGroup($('group-name').value.trim(), chosen.map((u) => u._id));
    remember(conversation);
    $('group-dialog').close();
    open(conversation._id);
  } catch (e) {
    $('group-error').textContent = e.message;
  }
}

// --- a group's details ---

/** Draws the open group's details again if they are shown (the header changed). */
export function refreshDetails() {
  showDetails(!$('details').hidden);
}

/** Shows (or hides) the open group's details. */
function showDetails(visible) {
  const conversation = current();
  const group = !!(conversation && conversation.isGroup && !conversation.left);
  $('details-toggle').hidden = !group;
  $('details-toggle').setAttribute('aria-expanded', String(group && visible));
  $('details').hidden = !(group && visible);
  if (!group || !visible) {
    return;
  }
  const admin = isAdmin(conversation);
  if (document.activeElement !== $('rename-input')) {
    $('rename-input').value = conversation.name;
  }
  $('member-list').replaceChildren(...conversation.participants.map((p) => el('li', {},
      el('span', { text: nameOf(p._id, conversation) + (p._id === state.me ? ' (you)' : '')
          + (isAdmin(conversation, p._id) ? ' · admin' : '') }),
      admin && p._id !== state.me ? el('button', { type: 'button', text: 'Remove',
        'aria-label': 'Remove ' + nameOf(p._id, conversation) + ' from the group',
        onclick: () => change(() => api.removeMember(conversation._id, p._id)) }) : null)));
  $('member-add').hidden = !admin;
}

/** A change to the open group over REST: its answer is the group as it is now. */
async function change(request) {
  $('details-error').textContent = '';
  try {
    const { conversation } = await request();
    if (conversation.participants.some((p) => p._id === state.me)) {
      remember(conversation);
    } else {
      gone(conversation._id);
    }
    renderHeader();
  } catch (e) {
    $('details-error').textContent = e.message;
  }
}

function gone(conversationId) {
  const conversation = state.conversations.get(conversationId);
  if (conversation) {
    conversation.left = true;
  }
  if (state.current !== conversationId) {
    forget(conversationId);
  }
}

/**
 * A `membersChanged` frame: applied at once (members, admins, name); the group is fetched whole (the new
 * members' names) when the read model has the change — its `conversationUpdated` says so, see `caughtUp`.
 * A group new to this user comes into the list the same way. Removed myself: it stays readable while open.
 */
export function membersChanged(d) {
  if (d.change === 'removed' && d.userIds.includes(state.me)) {
    gone(d.conversationId);
    renderHeader();
    return;
  }
  const known = state.conversations.get(d.conversationId);
  if (!known || !d.members) {
    return;
  }
  if (d.userIds.includes(state.me)) {
    known.left = false;   // added again
  }
  known.participants = d.members.map((id) => known.participants.find((p) => p._id === id) || { _id: id });
  known.admins = d.admins || known.admins;
  known.name = d.name || known.name;
  known.awaiting = Math.max(known.awaiting || 0, d.version);
  remember(known);
  renderHeader();
  caughtUp(d.conversationId, known.version);   // the read model may have told us first
}

/** The read model has a group at `version`: fetched whole if a change of its members awaited that. */
export async function caughtUp(conversationId, version) {
  const known = state.conversations.get(conversationId);
  if (!known || !known.awaiting || version === undefined || version < known.awaiting) {
    return;
  }
  known.awaiting = 0;
  try {
    const { conversation } = await api.conversation(conversationId);
    remember(conversation);
    renderHeader();
  } catch (e) {
    // No longer a member (403): the membersChanged frame that says so handles it.
  }
}
