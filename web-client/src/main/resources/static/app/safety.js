// Keeping oneself safe: reporting someone's message to moderation (a reason from the list, a note if one likes),
// and blocking the other person of a direct conversation — they are not told; the button says Unblock after.
import { api } from './api.js';
import { $, nameOf, otherUser, state } from './state.js';

let reporting = null;   // the message the report dialog is about

export async function initSafety() {
  $('block').onclick = toggleBlock;
  $('report-cancel').onclick = () => $('report-dialog').close();
  $('report-form').onsubmit = (e) => {
    e.preventDefault();
    sendReport();
  };
  try {
    state.blocked = new Set((await api.blocked()).blocked.map((b) => b.userId));
  } catch (e) {
    state.blocked = new Set();
  }
  renderBlock();
}

/** Opens the report dialog for someone else's message. */
export function report(m) {
  reporting = m;
  $('report-excerpt').textContent = nameOf(m.sender) + ': ' + m.content;
  $('report-note').value = '';
  $('report-error').textContent = '';
  $('report-done').textContent = '';
  $('report-dialog').showModal();
}

async function sendReport() {
  const m = reporting;
  try {
    const answer = await api.report(m._id, { reason: $('report-reason').value, note: $('report-note').value || null,
      conversationId: m.conversation });
    $('report-done').textContent = answer.duplicate ? 'You reported this message before.' : 'Reported. Thank you.';
    $('report-error').textContent = '';
  } catch (e) {
    $('report-error').textContent = e.message;
  }
}

/** The open direct conversation's Block button, and the composer closed while its person is blocked. */
export function renderBlock() {
  const conversation = state.conversations.get(state.current);
  const other = conversation && !conversation.isGroup ? otherUser(conversation) : null;
  const blocked = !!other && state.blocked.has(other);
  $('block').hidden = !other;
  $('block').textContent = blocked ? 'Unblock' : 'Block';
  $('block').setAttribute('aria-pressed', String(blocked));
  $('blocked-note').hidden = !blocked;
  if (blocked) {
    $('composer').hidden = true;
  }
}

async function toggleBlock() {
  const conversation = state.conversations.get(state.current);
  const other = conversation && otherUser(conversation);
  if (!other) {
    return;
  }
  const blocked = state.blocked.has(other);
  try {
    if (blocked) {
      await api.unblock(other);
      state.blocked.delete(other);
      $('composer').hidden = !!conversation.left;
    } else {
      await api.block(other);
      state.blocked.add(other);
    }
  } catch (e) {
    $('blocked-note').hidden = false;
    $('blocked-note').textContent = e.message;
    return;
  }
  $('blocked-note').textContent = 'You blocked this person. Unblock them to write to them.';
  renderBlock();
}
