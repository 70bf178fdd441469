// The live stream over /ws: authenticates, resumes from its last cursor after a drop, and hands every frame
// to the app. Nothing is missed and nothing shows twice: the server replays exactly what came after the cursor.
//
// Reconnecting: when many clients lose their gateway at once (it crashed, or was restarted), they must not
// all come back at once. A gateway that stops says when to come back (the `reconnect` frame's retryAfterMs,
// spread by the server over its clients) and that is honoured; otherwise each attempt waits a random time
// between zero and a ceiling that doubles per failed attempt ("full jitter"). A gateway over its limits refuses
// the handshake (503 + Retry-After, which a browser's WebSocket cannot read): that is a failed attempt, and
// the next waits longer.

export const BASE_DELAY_MS = 500;
export const MAX_DELAY_MS = 30000;

/** How long to wait before attempt `attempt + 1` (0 after the first drop), or the server's own hint if it gave one. */
export function reconnectDelay(attempt, hintMs = null, random = Math.random) {
  if (hintMs !== null && hintMs >= 0) {
    return hintMs;
  }
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.min(attempt, 16));
  return Math.floor(random() * ceiling);
}

export class Live {
  constructor(tokenSupplier, handlers) {
    this.tokenSupplier = tokenSupplier;
    this.handlers = handlers;
    this.cursor = null;
    this.attempt = 0;
    this.hintMs = null;
    this.closed = false;
    this.socket = null;
  }

  start() {
    this.closed = false;
    this.connect();
  }

  connect() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(scheme + '//' + location.host + '/ws');
    this.socket = socket;
    const resuming = Boolean(this.cursor);
    socket.onopen = () => {
      socket.send(JSON.stringify({ event: 'auth', data: { token: this.tokenSupplier(), cursor: this.cursor || undefined } }));
    };
    socket.onmessage = (message) => {
      const frame = JSON.parse(message.data);
      if (frame.cursor) {
        this.cursor = frame.cursor;
      }
      if (frame.event === 'ready') {
        this.attempt = 0;
        // A stream without a cursor starts from now: what happened before it must come from the API.
        this.handlers.connected(resuming);
      }
      if (frame.event === 'reconnect') {
        // The gateway is going away: come back (to any gateway) after its delay, from the frame's cursor.
        this.hintMs = frame.data.retryAfterMs;
      }
      this.handlers.frame(frame);
    };
    socket.onclose = () => {
      if (this.socket !== socket || this.closed) {
        return;
      }
      this.handlers.disconnected();
      const delay = reconnectDelay(this.attempt, this.hintMs);
      this.hintMs = null;
      this.attempt += 1;
      setTimeout(() => this.connect(), delay);
    };
  }

  send(event, data) {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) {
      return false;
    }
    this.socket.send(JSON.stringify({ event, data }));
    return true;
  }

  stop() {
    this.closed = true;
    if (this.socket) {
      this.socket.close();
    }
  }
}
