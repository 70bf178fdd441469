// Finding people by username or full name, and showing one as a pickable row.
import { api } from './api.js';
import { personName, state } from './state.js';
import { avatar, el } from './ui.js';

/** People matching `q`, without me and without anyone in `except` (ids). */
export async function findPeople(q, except = []) {
  if (!q) {
    return [];
  }
  const { users } = await api.users(q);
  return users.filter((u) => u._id !== state.me && !except.includes(u._id));
}

/** A row that picks this person by click or Enter; `label` is what picking does ("Message …", "Add …"). */
export function personRow(user, label, onPick) {
  return el('li', { tabindex: '0', 'data-user': user._id, onclick: () => onPick(user),
    onkeydown: (e) => e.key === 'Enter' && onPick(user) },
  avatar(personName(user), user.profile && user.profile.profilePicture, false),
  el('span', { class: 'summary', text: label + ' ' + personName(user) }));
}
