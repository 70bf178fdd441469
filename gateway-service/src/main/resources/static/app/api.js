// The public REST API, with the user's token (kept in session storage only, never in the address bar).

const KEY = 'chat.token';

export function token() {
  return sessionStorage.getItem(KEY);
}

export function signIn(jwt) {
  sessionStorage.setItem(KEY, jwt);
}

export function signOut() {
  sessionStorage.removeItem(KEY);
}

/** The user id the token names (its `sub`), for display; the server decides who you are. */
export function userOf(jwt) {
  try {
    const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload)).sub;
  } catch (e) {
    return null;
  }
}

/** A token from `#token=<jwt>`, removed from the address bar at once. */
export function tokenFromFragment() {
  const match = location.hash.match(/token=([^&]+)/);
  if (!match) {
    return null;
  }
  history.replaceState(null, '', location.pathname + location.search);
  return decodeURIComponent(match[1]);
}

async function call(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: { 'Authorization': 'Bearer ' + token(), 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw Object.assign(new Error(json.message || response.statusText), { status: response.status });
  }
  return json;
}

/** Development tokens: only the local platform serves them. */
export async function devToken(userId) {
  const response = await fetch('/dev/token?userId=' + encodeURIComponent(userId), { method: 'POST' });
  if (!response.ok) {
    return null;
  }
  return (await response.json()).token;
}

/** Messages per page of history. */
export const PAGE = 50;

export const api = {
  conversations: () => call('GET', '/api/messages/conversations'),
  history: (conversationId, before) => call('GET', '/api/conversations/' + encodeURIComponent(conversationId)
      + '/messages?limit=' + PAGE + (before ? '&before=' + before : '')),
  read: (conversationId) => call('PUT', '/api/messages/read/' + encodeURIComponent(conversationId)),
  users: (q) => call('GET', '/api/users?q=' + encodeURIComponent(q)),
  conversation: (id) => call('GET', '/api/conversations/' + encodeURIComponent(id)),
  createGroup: (name, memberIds) => call('POST', '/api/conversations', { name, memberIds }),
  renameGroup: (id, name) => call('PATCH', '/api/conversations/' + encodeURIComponent(id), { name }),
  addMembers: (id, userIds) => call('POST', '/api/conversations/' + encodeURIComponent(id) + '/members', { userIds }),
  removeMember: (id, userId) => call('DELETE', '/api/conversations/' + encodeURIComponent(id) + '/members/'
      + encodeURIComponent(userId)),
  presence: (userIds) => call('GET', '/api/presence?userIds=' + userIds.map(encodeURIComponent).join(',')),
};
