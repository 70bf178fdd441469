// Groups: creating one (a name and people), and a group's details — its members and admins, renaming,
// adding and removing members (admins), leaving. Changes arrive for everyone as membersChanged frames.
import { api } from './api.js';
import { renderHeader } from './conversation.js';
import { forget, remember } from './list.js';
import { findPeople, personName, personRow } from './people.js';
import { $, isAdmin, nameOf, state } from './state.js';
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
 * A `membersChanged` frame: applied at once (members, admins, name), then the group is fetched for the
 * new members' names once the read model has it. Removed myself: the group stays readable while open.
 */
export async function membersChanged(d) {
  if (d.change === 'removed' && d.userIds.includes(state.me)) {
    gone(d.conversationId);
    renderHeader();
    return;
  }
  const known = state.conversations.get(d.conversationId);
  if (known && d.userIds.includes(state.me)) {
    known.left = false;   // added again
  }
  if (known && d.members) {
    known.participants = d.members.map((id) => known.participants.find((p) => p._id === id) || { _id: id });
    known.admins = d.admins || known.admins;
    known.name = d.name || known.name;
    remember(known);
    renderHeader();
  }
  const fresh = await fetchAtLeast(d.conversationId, d.version);
  const now = state.conversations.get(d.conversationId);
  if (fresh && !(now && (now.left || now.version > fresh.version))) {
    remember(fresh);
    renderHeader();
  }
}

/** The group as the read model has it at `version` or later (it may lag the frame a little). */
async function fetchAtLeast(conversationId, version) {
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      const { conversation } = await api.conversation(conversationId);
      if (conversation.version >= version) {
        return conversation;
      }
    } catch (e) {
      if (e.status === 403) {
        return null;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 300 * (attempt + 1)));
  }
  return null;
}
