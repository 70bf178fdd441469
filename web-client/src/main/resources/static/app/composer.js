// Writing: Enter sends and Shift+Enter makes a new line; every message gets its clientMessageId once, so
// sending it again (retry, or after a reconnect) can never store it twice. Typing indications while
// typing, stopped on send or after a pause. Replying to and editing a message go through here too, and the
// files waiting in the tray go with the next message.
import { THUMBS_UP } from './actions.js';
import { renderTray } from './attachments.js';
import { renderMessages } from './conversation.js';
import { report } from './safety.js';
import { $, nameOf, state } from './state.js';
import { el } from './ui.js';

const TYPING_REPEAT_MS = 2000;
const TYPING_PAUSE_MS = 3000;

let live = null;
let typingSentAt = 0;
let typingStop = null;

export function initComposer(liveStream) {
  live = liveStream;
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
}

/** What can be done to a message; the effect comes back as frames (messageEdited, reactionsUpdated …). */
export const messageActions = {
  react: (m, add) => live.send(add ? 'react' : 'unreact',
      { messageId: m._id, conversationId: m.conversation, emoji: THUMBS_UP }),
  reply: (m) => setMode(null, m),
  edit: (m) => {
    setMode(m, null);
    $('message').value = m.content;
    $('message').focus();
  },
  remove: (m) => live.send('deleteMessage', { messageId: m._id, conversationId: m.conversation }),
  retry: (clientMessageId) => transmit(clientMessageId),
  report,
};

function setMode(editing, replyTo) {
  state.editing = editing;
  state.replyTo = replyTo;
  const mode = $('composer-mode');
  const target = editing || replyTo;
  mode.hidden = !target;
  mode.replaceChildren(...(target ? [
    el('span', { text: (editing ? 'Editing: ' : 'Replying to ' + nameOf(target.sender) + ': ') + target.content }),
    el('button', { type: 'button', text: 'Cancel', onclick: () => setMode(null, null) })] : []));
}

function send() {
  const text = $('message').value;
  const files = state.editing ? [] : state.tray.splice(0);
  if ((!text.trim() && files.length === 0) || !state.current) {
    return;
  }
  renderTray();
  $('message').value = '';
  stopTyping();
  if (state.editing) {
    live.send('editMessage', { messageId: state.editing._id, conversationId: state.current, content: text });
    setMode(null, null);
    return;
  }
  const clientMessageId = crypto.randomUUID();
  state.pending.set(clientMessageId, { conversationId: state.current, content: text, failed: false,
    replyTo: state.replyTo ? state.replyTo._id : undefined, attachments: files,
    type: files.length === 0 ? 'text' : files.every((a) => a.contentType.startsWith('image/')) ? 'image' : 'file' });
  setMode(null, null);
  transmit(clientMessageId);
}

/** Sends (or sends again) a pending message; offline it fails at once and shows "retry". */
function transmit(clientMessageId) {
  const p = state.pending.get(clientMessageId);
  if (!p) {
    return;
  }
  p.failed = !live.send('sendMessage', { conversationId: p.conversationId, content: p.content, clientMessageId,
    replyTo: p.replyTo, type: p.type || 'text', attachments: (p.attachments || []).map((a) => ({ id: a.id })) });
  renderMessages({ toEnd: true });
}

/**
 * After a reconnect: messages sent before the drop but never acknowledged go again under the same
 * clientMessageId (the server answers a duplicate with the original). Failed ones wait for "retry".
 */
export function resendInFlight() {
  for (const [clientMessageId, p] of state.pending) {
    if (!p.failed) {
      transmit(clientMessageId);
    }
  }
}

/** The server refused a send (too long, too fast, not a member …): it stays, with "retry". */
export function refused(clientMessageId) {
  const p = state.pending.get(clientMessageId);
  if (p) {
    p.failed = true;
    renderMessages();
  }
}

function typed() {
  const now = Date.now();
  if (now - typingSentAt > TYPING_REPEAT_MS) {
    typingSentAt = now;
    live.send('typing', { conversationId: state.current });
  }
  clearTimeout(typingStop);
  typingStop = setTimeout(stopTyping, TYPING_PAUSE_MS);
}

function stopTyping() {
  clearTimeout(typingStop);
  if (typingSentAt) {
    typingSentAt = 0;
    live.send('stopTyping', { conversationId: state.current });
  }
}
