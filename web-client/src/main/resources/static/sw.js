// The service worker: shows pushes as notifications — one per conversation (its tag: a newer one replaces the
// older) — and opens the conversation when one is clicked. A push without text (CHAT_PUSH_CONTENT=none) says
// how many are unread; the app shows the rest.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  let push = {};
  try {
    push = event.data ? event.data.json() : {};
  } catch (e) {
    push = {};
  }
  const unread = push.unread > 1 ? push.unread + ' unread messages' : 'A new message';
  const title = push.title || 'Chat';
  const body = push.body !== undefined ? (push.unread > 1 ? push.body + ' (' + push.unread + ' unread)' : push.body)
      : unread;
  event.waitUntil(self.registration.showNotification(title, {
    body,
    tag: push.tag || push.conversationId || 'chat',
    renotify: true,
    data: { url: push.url || '/', conversationId: push.conversationId },
  }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = (event.notification.data && event.notification.data.url) || '/';
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
    const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
    if (open) {
      open.postMessage({ type: 'open-conversation', conversationId: event.notification.data.conversationId });
      return open.focus();
    }
    return self.clients.openWindow(url);
  }));
});
