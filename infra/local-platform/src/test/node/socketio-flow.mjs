// The original app's Socket.IO flow against the gateway, with a given socket.io-client version and transports.
// Usage: node socketio-flow.mjs <client package> <base URL[,base URL…]> <transports: original|default|polling>
//        <alice> <alice's token> <bob> <bob's token>
// Several base URLs (gateways): the flow goes through a round-robin balancer without sticky sessions in front of
// them, every HTTP request and WebSocket to the next gateway in turn.
// Prints one line per check; exits 0 when every check held, 1 (with the reason) otherwise.
import { createRequire } from "node:module";
import http from "node:http";
import net from "node:net";

const [clientPackage, bases, transports, alice, aliceToken, bob, bobToken] = process.argv.slice(2);
const gateways = bases.split(",");
let elsewhere = 0;
const base = gateways.length === 1 ? gateways[0] : await balancer(gateways);
const require = createRequire(import.meta.url);
const { io } = require(clientPackage);

const MESSAGE_KEYS = ["_id", "attachments", "content", "conversation", "createdAt", "isRead", "receiver", "sender",
  "type", "updatedAt"];
const USER_KEYS = ["_id", "profile", "username"];
const PROFILE_KEYS = ["fullName", "profilePicture"];

function options(token) {
  // The original's options (transports: ['websocket', 'polling']) plus auth: {token}; or the client's defaults
  // (polling first, then the upgrade to WebSocket); or polling only. Reconnection delays short for the test.
  const o = { auth: { token }, reconnectionDelay: 200, reconnectionDelayMax: 500 };
  if (transports === "original") o.transports = ["websocket", "polling"];
  else if (transports === "polling") o.transports = ["polling"];
  return o;
}

// Round robin over the gateways, request by request and socket by socket; counts the requests that reached a
// gateway other than the one holding their session (named in the sid: <random>.<base64url of its URL>.<signature>).
function balancer(targets) {
  let turn = 0;
  const pick = (req) => {
    const target = targets[turn++ % targets.length];
    const sid = new URL(req.url, "http://x").searchParams.get("sid");
    if (sid && Buffer.from(sid.split(".")[1] || "", "base64url").toString() !== target) elsewhere++;
    return new URL(target);
  };
  const server = http.createServer((req, res) => {
    const target = pick(req);
    const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url,
      headers: req.headers }, (answer) => { res.writeHead(answer.statusCode, answer.headers); answer.pipe(res); });
    upstream.on("error", (e) => { res.writeHead(502); res.end(String(e)); });
    req.pipe(upstream);
  });
  server.on("upgrade", (req, socket, head) => {
    const target = pick(req);
    const upstream = net.connect(target.port, target.hostname, () => {
      let raw = `${req.method} ${req.url} HTTP/1.1\r\n`;
      for (let i = 0; i < req.rawHeaders.length; i += 2) raw += `${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`;
      upstream.write(raw + "\r\n");
      upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve("http://127.0.0.1:"
      + server.address().port)));
}

function check(condition, what) {
  if (!condition) {
    console.log("FAILED " + what);
    process.exit(1);
  }
  console.log("ok " + what);
}

function next(socket, event, timeoutMs = 15000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no " + event + " within " + timeoutMs + " ms")), timeoutMs);
    socket.once(event, (...args) => { clearTimeout(timer); resolve(args); });
  });
}

function keys(o) { return Object.keys(o || {}).sort(); }

function sameKeys(o, expected) { return JSON.stringify(keys(o)) === JSON.stringify([...expected].sort()); }

function originalMessage(m) {
  return sameKeys(m, MESSAGE_KEYS) && sameKeys(m.sender, USER_KEYS) && sameKeys(m.sender.profile, PROFILE_KEYS)
      && sameKeys(m.receiver, USER_KEYS) && sameKeys(m.receiver.profile, PROFILE_KEYS);
}

async function rest(path, token, body) {
  const response = await fetch(base + path, { method: "POST", headers: { "Content-Type": "application/json",
    Authorization: "Bearer " + token }, body: JSON.stringify(body) });
  return response.status;
}

function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }

async function main() {
  const a = io(base, { ...options(aliceToken) });
  const b = io(base, { ...options(bobToken) });
  let bobConnects = 0;
  a.on("connect", () => a.emit("join", alice));
  b.on("connect", () => { bobConnects++; b.emit("join", bob); });
  await Promise.all([next(a, "connect"), next(b, "connect")]);
  check(a.connected && b.connected, "both connected");
  if (transports === "default") {
    for (let i = 0; i < 100 && a.io.engine.transport.name !== "websocket"; i++) await sleep(100);
    check(a.io.engine.transport.name === "websocket", "upgraded from polling to WebSocket");
  } else if (transports === "polling") {
    check(a.io.engine.transport.name === "polling", "polling only");
  }

  // sendMessage: the sender gets messageSent, the receiver newMessage, in the original's shape.
  const sent = next(a, "messageSent");
  const received = next(b, "newMessage");
  a.emit("sendMessage", { receiverId: bob, content: "hi bob", type: "text", attachments: [] });
  const [[mine], [theirs]] = await Promise.all([sent, received]);
  check(originalMessage(mine) && mine.content === "hi bob", "messageSent in the original's shape");
  check(originalMessage(theirs) && theirs.content === "hi bob" && theirs.sender._id === alice
      && theirs.receiver._id === bob, "newMessage in the original's shape, sender and receiver populated");

  // An ack gets what REST would answer.
  const ack = await a.timeout(15000).emitWithAck("sendMessage", { receiverId: bob, content: "acked", type: "text" });
  check(ack.success === true && ack.message && ack.message.content === "acked", "an ack gets REST's answer");
  const refused = await a.timeout(15000).emitWithAck("sendMessage", { receiverId: bob, content: "  " });
  check(refused.success === false && /blank/.test(refused.message), "a refused send's ack says why");
  const impostor = next(a, "messageError");
  a.emit("sendMessage", { senderId: bob, receiverId: bob, content: "as bob" });
  const [error] = await impostor;
  check(error && typeof error.error === "string", "a senderId that is not the user is refused with messageError");
  const wrongJoin = next(a, "messageError");
  a.emit("join", bob);
  check(typeof (await wrongJoin)[0].error === "string", "join naming another user is answered with messageError");

  // markAsRead and typing.
  const readBy = next(a, "messagesRead");
  b.emit("markAsRead", { conversationId: theirs.conversation });
  check((await readBy)[0].conversationId === theirs.conversation, "markAsRead reaches the sender as messagesRead");
  const typing = next(b, "userTyping");
  a.emit("typing", { receiverId: bob });
  check((await typing)[0].userId === alice, "typing reaches the receiver as userTyping");
  const stopped = next(b, "userStoppedTyping");
  a.emit("stopTyping", { receiverId: bob });
  check((await stopped)[0].userId === alice, "stopTyping reaches the receiver as userStoppedTyping");

  // The REST fallback send reaches the receiver's socket.
  const viaRest = next(b, "newMessage");
  check(await rest("/api/messages/send", aliceToken, { receiverId: bob, content: "over REST" }) === 201, "REST send");
  check((await viaRest)[0].content === "over REST", "a REST send reaches the receiver's socket");

  // Quiet for more than two ping intervals: still connected (the heartbeat keeps it).
  const interval = a.io.engine.pingInterval;
  let dropped = false;
  b.once("disconnect", () => { dropped = true; });
  await sleep(2.5 * interval);
  check(!dropped && b.connected, "quiet for 2.5 ping intervals and still connected");

  // The transport drops: the client reconnects by itself, joins again, and gets what was sent meanwhile, once.
  const got = [];
  b.on("newMessage", (m) => got.push(m.content));
  const back = next(b, "connect", 20000);
  b.io.engine.close();
  for (const text of ["while away 1", "while away 2"]) {
    await rest("/api/messages/send", aliceToken, { receiverId: bob, content: text });
  }
  await back;
  check(bobConnects === 2, "reconnected by itself and joined again");
  check(b.recovered === true, "the connection state was recovered");
  await sleep(1500);
  const away = got.filter((t) => t.startsWith("while away"));
  check(JSON.stringify(away) === JSON.stringify(["while away 1", "while away 2"]),
      "what was sent meanwhile arrived once, in order: " + JSON.stringify(got));

  // No token: connect_error with the reason, and no reconnection loop.
  const anonymous = io(base, { ...options(undefined), auth: {} });
  let errors = 0;
  anonymous.on("connect_error", () => errors++);
  const [failure] = await next(anonymous, "connect_error");
  check(/token/.test(failure.message), "no token: connect_error says a token is needed");
  await sleep(1500);
  check(errors === 1 && !anonymous.connected, "and the client does not try again by itself");

  if (gateways.length > 1) {
    check(elsewhere > 0, elsewhere + " requests reached a gateway that does not hold their session, and worked");
  }
  a.close(); b.close(); anonymous.close();
  console.log("PASSED");
  process.exit(0);
}

main().catch((e) => { console.log("FAILED " + e.message); process.exit(1); });
