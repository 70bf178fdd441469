// The chat client: a user picker (local platform) or a token, then the conversation list and one
// conversation, kept live by the /ws stream. REST for lists, history and group changes; /ws for the rest.
import { devToken, signIn, signInLink, signOut, token, userOf } from './api.js';
import { initAttachments } from './attachments.js';
import { initComposer, messageActions, refused, resendInFlight } from './composer.js';
import { initConversation, markRead, messageChanged, messageDelivered, messagesRead, openConversation, received, renderHeader,
  typing } from './conversation.js';
import { caughtUp, initGroups, membersChanged, refreshDetails } from './groups.js';
import { initList, loadConversations, remember, renderList } from './list.js';
import { Live } from './live.js';
import { closeReadNotifications, initNotifications, renderMute } from './notifications.js';
import { initSafety, renderBlock } from './safety.js';
import { $, state } from './state.js';
import { el } from './ui.js';

const DEMO_USERS = ['alice', 'bob', 'carol', 'dave'];
let live = null;
let noticeTimer = null;

async function boot() {
  const link = await signInLink();
  if (link.token) {
    signIn(link.token);
  }
  if (token()) {
    startChat();
  } else {
    showLogin();
  }
  if (link.refused) {
    notice(link.refused);
  }
  // A sign-in link opened in a page already open (its fragment set): the same exchange, then a fresh start.
  window.addEventListener('hashchange', async () => {
    const next = await signInLink();
    if (next.token) {
      signIn(next.token);
      location.reload();
    } else if (next.refused) {
      notice(next.refused);
    }
  });
}

function showLogin() {
  $('chat').hidden = true;
  $('login').hidden = false;
  $('picker').replaceChildren(el('p', { text: 'Pick a demo user (local platform), or paste a token.' }),
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
  // A stream started from now (not resumed) may begin after a message the first list load missed: load again.
  live = new Live(token, { frame: onFrame, connected: (resumed) => { banner(null); if (!resumed) loadConversations(); },
    disconnected: () => banner('Connection lost — reconnecting…') });
  initList(openConversation);
  initConversation(messageActions, (conversation) => {
    refreshDetails(conversation);
    renderMute();
    renderBlock();
    closeReadNotifications();
  });
  initComposer(live);
  initAttachments();
  initGroups(openConversation);
  initNotifications(openConversation);
  initSafety();
  live.start();
  await loadConversations();
}

function onFrame(frame) {
  const d = frame.data || {};
  switch (frame.event) {
    case 'ready':
      resendInFlight();
      break;
    case 'newMessage':
    case 'messageSent':
      received(d);
      break;
    case 'messageError':
      refused(d.clientMessageId);
      notice(d.message);
      break;
    case 'error':
      notice(d.message);
      break;
    case 'conversationUpdated':
      updated(d);
      break;
    case 'messagesRead':
      messagesRead(d);
      break;
    case 'messageDelivered':
      messageDelivered(d);
      break;
    case 'userTyping':
    case 'userStoppedTyping':
      typing(frame.event === 'userTyping', d);
      break;
    case 'presence':
      state.presence.set(d.userId, d);
      renderHeader();
      renderList();
      break;
    case 'messageEdited':
    case 'messageDeleted':
    case 'reactionsUpdated':
      messageChanged(frame.event, d);
      break;
    case 'membersChanged':
      membersChanged(d);
      break;
    case 'reload':
      // The server could not replay what was missed: the lists and the open conversation are fetched anew.
      loadConversations().then(() => state.current && openConversation(state.current));
      break;
    default:
  }
}

/** The list's entry for a conversation: last message, my unread count, version. */
function updated(update) {
  const conversation = state.conversations.get(update.conversationId);
  if (!conversation || conversation.version === undefined) {
    // New to this list (or started from a search): fetched whole, with its participants.
    loadConversations();
    return;
  }
  if (update.version < conversation.version) {
    return;
  }
  conversation.lastMessage = update.lastMessage;
  conversation.lastMessageAt = update.lastMessage ? update.lastMessage.createdAt : conversation.lastMessageAt;
  conversation.unreadCount = Object.assign({}, conversation.unreadCount, { [state.me]: update.unreadCount });
  conversation.version = update.version;
  remember(conversation);
  caughtUp(update.conversationId, update.version);
  if (update.conversationId === state.current && update.unreadCount > 0) {
    markRead();
  }
}

function banner(text) {
  $('banner').hidden = !text;
  $('banner').textContent = text || '';
}

/** A refusal in plain words (from the server), for a few seconds. */
function notice(text) {
  $('notice').textContent = text || '';
  $('notice').hidden = !text;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => { $('notice').hidden = true; }, 6000);
}

boot();
