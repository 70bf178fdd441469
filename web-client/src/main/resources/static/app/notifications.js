// Notifications: the settings panel (email address and delay, push level, quiet hours), turning on pushes for
// this browser (a service worker and a push subscription), muting the open conversation, and closing the
// notifications of conversations read meanwhile whenever the app is looked at.
import { api } from './api.js';
import { $, state, unreadOf } from './state.js';

let preferences = null;
let opener = () => {};

export async function initNotifications(openConversation) {
  opener = openConversation;
  $('settings').onclick = showSettings;
  $('settings-cancel').onclick = () => $('settings-dialog').close();
  $('settings-form').onsubmit = (e) => {
    e.preventDefault();
    save();
  };
  $('push-enable').onclick = enablePush;
  $('mute').onclick = toggleMute;
  document.addEventListener('visibilitychange', closeReadNotifications);
  window.addEventListener('focus', closeReadNotifications);
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.addEventListener('message', (event) => {
      if (event.data && event.data.type === 'open-conversation' && event.data.conversationId) {
        opener(event.data.conversationId);
      }
    });
  }
  const opened = location.hash.match(/[#&]conversation=([^&]+)/);
  if (opened) {
    history.replaceState(null, '', location.pathname + location.search);
    opener(decodeURIComponent(opened[1]));
  }
  try {
    preferences = (await api.preferences()).preferences;
  } catch (e) {
    preferences = null;   // no notifier here: the settings say so when opened
  }
}

/** The open conversation's mute button: Mute, or Unmute when it is muted. */
export function renderMute() {
  const muted = isMuted(state.current);
  $('mute').hidden = !state.current || !preferences;
  $('mute').textContent = muted ? 'Unmute' : 'Mute';
  $('mute').setAttribute('aria-pressed', String(muted));
}

function isMuted(conversationId) {
  return !!(preferences && preferences.mutedConversations
      && preferences.mutedConversations.some((m) => m.conversationId === conversationId
          && (!m.until || new Date(m.until) > new Date())));
}

async function toggleMute() {
  const id = state.current;
  try {
    preferences = (isMuted(id) ? await api.unmute(id) : await api.mute(id)).preferences;
  } catch (e) {
    $('settings-error').textContent = e.message;
  }
  renderMute();
}

function showSettings() {
  const p = preferences || {};
  $('settings-error').textContent = preferences ? '' : 'Notifications are not available right now.';
  $('settings-email').value = p.email || '';
  $('settings-email-when').value = p.emailNotifications || 'after-delay';
  $('settings-push').value = p.push || 'all';
  $('settings-dnd-on').checked = !!p.dnd;
  $('settings-dnd-from').value = p.dnd ? p.dnd.from : '22:00';
  $('settings-dnd-to').value = p.dnd ? p.dnd.to : '07:00';
  $('push-state').textContent = pushState();
  $('settings-dialog').showModal();
}

async function save() {
  const body = {
    email: $('settings-email').value.trim() || null,
    emailNotifications: $('settings-email-when').value,
    push: $('settings-push').value,
    dnd: $('settings-dnd-on').checked ? { from: $('settings-dnd-from').value, to: $('settings-dnd-to').value,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone } : null,
  };
  try {
    preferences = (await api.changePreferences(body)).preferences;
    $('settings-dialog').close();
  } catch (e) {
    $('settings-error').textContent = e.message;
  }
}

function pushState() {
  if (!('serviceWorker' in navigator) || !('PushManager' in window)) {
    return 'This browser cannot receive pushes.';
  }
  return Notification.permission === 'granted' ? 'Notifications are on for this browser.'
      : Notification.permission === 'denied' ? 'Notifications are blocked for this site in the browser.' : '';
}

/** Asks the browser's permission, registers the service worker, subscribes it and hands the subscription over. */
async function enablePush() {
  try {
    if (await Notification.requestPermission() !== 'granted') {
      $('push-state').textContent = pushState() || 'Notifications were not allowed.';
      return;
    }
    const registration = await navigator.serviceWorker.register('/sw.js');
    await navigator.serviceWorker.ready;
    const { publicKey } = await api.vapidPublicKey();
    const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true,
      applicationServerKey: bytes(publicKey) });
    await api.subscribePush(subscription.toJSON ? subscription.toJSON() : subscription);
    $('push-state').textContent = 'Notifications are on for this browser.';
  } catch (e) {
    $('push-state').textContent = 'Could not turn notifications on: ' + e.message;
  }
}

/** When the app is looked at: the notifications of conversations with nothing unread any more go away. */
export async function closeReadNotifications() {
  if (document.hidden || !('serviceWorker' in navigator)) {
    return;
  }
  const registration = await navigator.serviceWorker.getRegistration();
  if (!registration) {
    return;
  }
  for (const notification of await registration.getNotifications()) {
    const conversation = state.conversations.get(notification.tag);
    if (notification.tag === state.current || (conversation && unreadOf(conversation) === 0)) {
      notification.close();
    }
  }
}

function bytes(base64url) {
  const text = atob(base64url.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}
