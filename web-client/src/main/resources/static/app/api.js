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

/**
 * A sign-in link: `#code=<one-time code>`, exchanged here for a token. The browser keeps every address it opened
 * in its history, fragment included, before any script runs: a spent code there is worthless, a token would not
 * be. A `#token=` link is refused for that reason. Either is taken out of the address bar at once.
 * Answers {token}, {refused: reason}, or {} when the address holds neither.
 */
export async function signInLink() {
  const code = location.hash.match(/[#&]code=([^&]+)/);
  const legacy = /[#&]token=/.test(location.hash);
  if (!code && !legacy) {
    return {};
  }
  history.replaceState(null, '', location.pathname + location.search);
  if (!code) {
    return { refused: 'A token in the address is not accepted (the browser would keep it in its history): '
        + 'sign in with a one-time code link (/#code=…) instead.' };
  }
  const response = await fetch('/api/sign-in-codes/redeem', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: decodeURIComponent(code[1]) }),
  });
  const json = await response.json().catch(() => ({}));
  return response.ok ? { token: json.token } : { refused: json.message || 'This sign-in link does not work.' };
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
  preferences: () => call('GET', '/api/notifications/preferences'),
  changePreferences: (body) => call('PUT', '/api/notifications/preferences', body),
  mute: (id) => call('PUT', '/api/conversations/' + encodeURIComponent(id) + '/mute', {}),
  unmute: (id) => call('DELETE', '/api/conversations/' + encodeURIComponent(id) + '/mute'),
  vapidPublicKey: () => call('GET', '/api/push/vapid-public-key'),
  subscribePush: (subscription) => call('POST', '/api/push/subscriptions', subscription),
  report: (messageId, body) => call('POST', '/api/messages/' + encodeURIComponent(messageId) + '/report', body),
  blocked: () => call('GET', '/api/users/me/blocked'),
  block: (userId) => call('PUT', '/api/users/' + encodeURIComponent(userId) + '/block'),
  unblock: (userId) => call('DELETE', '/api/users/' + encodeURIComponent(userId) + '/block'),
  attachmentLink: (id) => call('GET', '/api/attachments/' + encodeURIComponent(id) + '/link'),
};

/** Uploads a file (multipart), telling `progress` the share sent so far; resolves to the server's answer. */
export function uploadFile(file, progress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/attachments');
    request.setRequestHeader('Authorization', 'Bearer ' + token());
    request.upload.onprogress = (e) => { if (e.lengthComputable) progress(e.loaded / e.total); };
    request.onload = () => {
      let json = {};
      try {
        json = JSON.parse(request.responseText);
      } catch (e) {
        // not JSON: say what the status says
      }
      if (request.status === 201) {
        resolve(json);
      } else {
        reject(new Error(json.message || 'upload failed (' + request.status + ')'));
      }
    };
    request.onerror = () => reject(new Error('upload failed: no connection'));
    const body = new FormData();
    body.append('file', file, file.name);
    request.send(body);
  });
}
