// What the client knows, shared by its parts, and the few questions about it every part asks.

export const $ = (id) => document.getElementById(id);

export const state = {
  me: null,
  conversations: new Map(),   // id -> wire conversation, as the list shows it
  current: null,              // the open conversation's id
  messages: [],               // the open conversation's messages, oldest first
  loadingOlder: false,        // a page of older messages is on its way
  reachedStart: null,         // the conversation whose first message is shown (no older page)
  pending: new Map(),         // clientMessageId -> {conversationId, content, replyTo, failed}
  presence: new Map(),        // userId -> {online, lastSeenAt}
  typing: new Map(),          // conversationId -> (userId -> lapse timer): who is typing where
  search: '',
  replyTo: null,              // the message the composer replies to
  editing: null,              // the message the composer edits
  blocked: new Set(),         // the people this user blocks
  delivered: new Map(),       // conversationId -> the version up to which this user's messages reached a device
  tray: [],                   // uploads waiting to go with the next message
};

/** Where a message of this user stands: 'read', 'delivered' (to a device of someone else) or 'sent'. */
export function tickOf(m) {
  if (m.isRead) {
    return 'read';
  }
  return m.isDelivered || m.version <= (state.delivered.get(m.conversation) || 0) ? 'delivered' : 'sent';
}

export function participant(conversation, userId) {
  return conversation && conversation.participants.find((p) => p._id === userId);
}

/** A person's name: full name, else username, else id. */
export function personName(user) {
  return (user.profile && user.profile.fullName) || user.username || user._id;
}

/** A person's name as a conversation knows them. */
export function nameOf(userId, conversation = state.conversations.get(state.current)) {
  const p = participant(conversation, userId);
  return p ? personName(p) : userId;
}

export function otherUser(conversation) {
  return conversation.isGroup ? null
      : (conversation.participants.find((p) => p._id !== state.me) || conversation.participants[0])._id;
}

export function displayName(conversation) {
  return conversation.isGroup ? conversation.name : nameOf(otherUser(conversation), conversation);
}

export function unreadOf(conversation) {
  return (conversation.unreadCount && conversation.unreadCount[state.me]) || 0;
}

export function isAdmin(conversation, userId = state.me) {
  return !!(conversation && conversation.admins && conversation.admins.includes(userId));
}

/** The names of who is typing in a conversation. */
export function typistsIn(conversationId) {
  const typists = state.typing.get(conversationId);
  const conversation = state.conversations.get(conversationId);
  return typists ? [...typists.keys()].map((id) => nameOf(id, conversation)) : [];
}
