// The live stream over /ws: authenticates, resumes from its last cursor after a drop (with back-off), and
// hands every frame to the app. Nothing is missed and nothing shows twice: the server replays exactly what
// came after the cursor.

export class Live {
  constructor(tokenSupplier, handlers) {
    this.tokenSupplier = tokenSupplier;
    this.handlers = handlers;
    this.cursor = null;
    this.delay = 500;
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
    socket.onopen = () => {
      socket.send(JSON.stringify({ event: 'auth', data: { token: this.tokenSupplier(), cursor: this.cursor || undefined } }));
    };
    socket.onmessage = (message) => {
      const frame = JSON.parse(message.data);
      if (frame.cursor) {
        this.cursor = frame.cursor;
      }
      if (frame.event === 'ready') {
        this.delay = 500;
        this.handlers.connected();
      }
      this.handlers.frame(frame);
    };
    socket.onclose = () => {
      if (this.socket !== socket || this.closed) {
        return;
      }
      this.handlers.disconnected();
      setTimeout(() => this.connect(), this.delay);
      this.delay = Math.min(this.delay * 2, 10000);
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
