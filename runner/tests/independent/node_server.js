"use strict";
// A Valkey-compatible server in Node.js (18+): `net`, and a RESP parser of its own over Buffers.
//
// An independent learner's take on "Build your own Valkey" (all 16 steps), written from the
// step instructions and from how the real valkey-server answers. Style:
//
// * RespParser is an incremental state machine: it keeps what it has parsed of a command
//   between chunks, and while a big bulk string is arriving it only collects the chunks,
//   joining them once the whole value is there (a 1 MiB value in 1000 pieces costs one copy).
// * Keys, hash fields and members are "latin1 strings" (one character per byte), so Maps
//   compare them by content; values stay Buffers from the socket to the reply.
// * Commands return reply *values* (Buffer, number, BigInt, null, arrays, {simple}, {error});
//   encode() turns them into RESP in one place.
// * BLPOP returns a Block; the connection awaits a Promise that a push (or a timer) resolves,
//   while the following commands of that client wait in its queue, as in Valkey.
// * Sorted sets keep an array sorted by (score, member), updated with binary search.
// * Every write is appended to appendonly.aof with fs.writeSync and replayed at start-up.
//
// Error messages use this server's own wording; their first word (ERR, WRONGTYPE, EXECABORT)
// is what clients depend on and matches Valkey.

const net = require("node:net");
const fs = require("node:fs");

const PORT = 6379;
const AOF_PATH = "appendonly.aof";
const MAX_BULK = 512 * 1024 * 1024;
const MAX_LINE = 64 * 1024;

// ------------------------------------------------------------------ replies

const OK = { simple: "OK" };
const QUEUED = { simple: "QUEUED" };
const NULL_ARRAY = { nullArray: true };
const CRLF = Buffer.from("\r\n");

class CommandError extends Error {} // its message starts with the error code

const WRONGTYPE = "WRONGTYPE wrong kind of value for this command";
const NOT_INTEGER = "ERR not an integer, or out of range";
const NOT_FLOAT = "ERR not a valid floating point number";
const SYNTAX = "ERR syntax error";

const fail = (message) => { throw new CommandError(message); };
const errorReply = (message) => ({ error: message.replace(/[\r\n]+/g, " ") });
const many = (replies) => ({ many: replies }); // several replies to one command (SUBSCRIBE a b)

function encode(reply, parts = []) {
  if (reply === null || reply === undefined) {
    parts.push("$-1\r\n");
  } else if (Buffer.isBuffer(reply)) {
    parts.push(`$${reply.length}\r\n`, reply, CRLF);
  } else if (typeof reply === "string") {
    encode(Buffer.from(reply), parts);
  } else if (typeof reply === "number" || typeof reply === "bigint") {
    parts.push(`:${reply}\r\n`);
  } else if (Array.isArray(reply)) {
    parts.push(`*${reply.length}\r\n`);
    for (const item of reply) encode(item, parts);
  } else if (reply.simple !== undefined) {
    parts.push(`+${reply.simple}\r\n`);
  } else if (reply.error !== undefined) {
    parts.push(`-${reply.error}\r\n`);
  } else if (reply.nullArray) {
    parts.push("*-1\r\n");
  } else if (reply.many) {
    for (const item of reply.many) encode(item, parts);
  } else {
    throw new Error(`cannot encode ${reply}`);
  }
  return parts;
}

const toBuffer = (parts) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : p)));
const encodeCommand = (args) => toBuffer(encode(args.map((a) => (Buffer.isBuffer(a) ? a : Buffer.from(String(a))))));

// ------------------------------------------------------------------ the request parser

class ProtocolError extends Error {}

class RespParser {
  constructor() {
    this.chunks = []; // unparsed input, not yet joined
    this.length = 0; // bytes in chunks
    this.needed = 1; // don't look at the input before it holds this many bytes
    this.argsLeft = 0; // of the command being read; 0 = between commands
    this.args = [];
    this.bulkLength = -1; // >= 0 while waiting for a bulk string's bytes
  }

  /** Add bytes; append the commands they complete (arrays of Buffers) to ``commands``.
   *  Throws ProtocolError after appending the commands that came before the bad bytes. */
  feed(chunk, commands) {
    this.chunks.push(chunk);
    this.length += chunk.length;
    if (this.length < this.needed) return;
    const data = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.length);
    let pos = 0;
    for (;;) {
      const used = this.step(data, pos, commands);
      if (used === 0) break;
      pos += used;
    }
    const rest = data.subarray(pos);
    this.chunks = rest.length ? [rest] : [];
    this.length = rest.length;
    this.needed = this.bulkLength >= 0 ? this.bulkLength + 2 : rest.length + 1;
  }

  /** Parse one piece at data[pos]; return the bytes it used, or 0 when more input is needed. */
  step(data, pos, commands) {
    if (this.bulkLength >= 0) {
      const end = pos + this.bulkLength;
      if (data.length < end + 2) return 0;
      if (data[end] !== 13 || data[end + 1] !== 10) throw new ProtocolError("bulk string without CRLF");
      this.args.push(Buffer.from(data.subarray(pos, end))); // a copy: the input buffer is not ours to keep
      this.bulkLength = -1;
      this.finishArgument(commands);
      return end + 2 - pos;
    }
    const lineEnd = data.indexOf("\r\n", pos);
    if (lineEnd < 0) {
      if (data.length - pos > MAX_LINE) throw new ProtocolError("line too long");
      return 0;
    }
    const line = data.toString("latin1", pos, lineEnd);
    const used = lineEnd + 2 - pos;
    if (this.argsLeft > 0) {
      if (line[0] !== "$") throw new ProtocolError(`expected '$', got '${line[0] ?? ""}'`);
      const length = Number(line.slice(1));
      if (!Number.isInteger(length) || length < 0 || length > MAX_BULK) throw new ProtocolError("invalid bulk length");
      this.bulkLength = length;
    } else if (line[0] === "*") {
      const count = Number(line.slice(1));
      if (!Number.isInteger(count) || count > 1024 * 1024) throw new ProtocolError("invalid multibulk length");
      this.argsLeft = Math.max(count, 0);
      this.args = [];
    } else {
      // an inline command, as typed into telnet
      const words = line.split(/[ \t]+/).filter((w) => w.length > 0);
      if (words.length) commands.push(words.map((w) => Buffer.from(w, "latin1")));
    }
    return used;
  }

  finishArgument(commands) {
    this.argsLeft -= 1;
    if (this.argsLeft === 0) {
      commands.push(this.args);
      this.args = [];
    }
  }
}

// ------------------------------------------------------------------ numbers

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function parseInteger(buffer, message = NOT_INTEGER) {
  const text = buffer.toString("latin1");
  if (text.length > 20 || !/^(0|-?[1-9][0-9]*)$/.test(text)) fail(message);
  const number = BigInt(text);
  if (number < INT64_MIN || number > INT64_MAX) fail(message);
  return number;
}

const smallInteger = (buffer, message = NOT_INTEGER) => Number(parseInteger(buffer, message));

function parseFloat64(buffer, message = NOT_FLOAT) {
  const text = buffer.toString("latin1");
  if (/^[+-]?inf(inity)?$/i.test(text)) return text[0] === "-" ? -Infinity : Infinity;
  if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(text)) fail(message);
  const number = Number(text);
  if (!Number.isFinite(number)) fail(message); // 1e400
  return number;
}

function formatScore(score) {
  if (score === Infinity) return "inf";
  if (score === -Infinity) return "-inf";
  if (Object.is(score, -0)) return "0";
  return String(score); // JavaScript already writes the shortest form: 3, 1.5
}

// ------------------------------------------------------------------ the keyspace

const keyOf = (buffer) => buffer.toString("latin1");
const bytesOf = (key) => Buffer.from(key, "latin1");

const db = new Map(); // key -> { type, value, expiresAt? }
let loading = false; // replaying the file: nothing expires, nothing is logged
let logQueue = []; // what the current command appends to the file
let aofFile = null;

function log(args) {
  if (!loading) logQueue.push(encodeCommand(args));
}

function lookup(key) {
  const entry = db.get(key);
  if (entry === undefined) return undefined;
  if (entry.expiresAt !== undefined && !loading && Date.now() >= entry.expiresAt) {
    db.delete(key);
    log(["DEL", bytesOf(key)]); // a replay must forget it at the same point
    return undefined;
  }
  return entry;
}

function lookupTyped(key, type) {
  const entry = lookup(key);
  if (entry !== undefined && entry.type !== type) fail(WRONGTYPE);
  return entry;
}

function deleteIfEmpty(key, size) {
  if (size === 0) db.delete(key);
}

// ------------------------------------------------------------------ sorted sets

function compareMembers(scoreA, memberA, scoreB, memberB) {
  if (scoreA !== scoreB) return scoreA < scoreB ? -1 : 1;
  return memberA < memberB ? -1 : memberA > memberB ? 1 : 0; // latin1 strings: byte order
}

/** Where (score, member) is, or would go, in the sorted array. */
function zsetPosition(zset, score, member) {
  let low = 0;
  let high = zset.order.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    const probe = zset.order[mid];
    if (compareMembers(probe.score, probe.member, score, member) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

function zsetRemove(zset, member) {
  const score = zset.scores.get(member);
  if (score === undefined) return false;
  zset.order.splice(zsetPosition(zset, score, member), 1);
  zset.scores.delete(member);
  return true;
}

function zsetInsert(zset, member, score) {
  zsetRemove(zset, member);
  zset.order.splice(zsetPosition(zset, score, member), 0, { member, score });
  zset.scores.set(member, score);
}

// ------------------------------------------------------------------ index ranges

/** Valkey's LRANGE/ZRANGE rules: inclusive, negative from the end, clamped. [from, to) */
function clampRange(start, stop, length) {
  if (start < 0) start = Math.max(start + length, 0);
  if (stop < 0) stop += length;
  stop = Math.min(stop, length - 1);
  return start <= stop ? [start, stop + 1] : [0, 0];
}

// ------------------------------------------------------------------ glob patterns

function globToRegExp(pattern) {
  const hex = (ch) => "\\x" + ch.charCodeAt(0).toString(16).padStart(2, "0");
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "*") source += "[\\s\\S]*";
    else if (ch === "?") source += "[\\s\\S]";
    else if (ch === "\\" && i + 1 < pattern.length) source += hex(pattern[++i]);
    else if (ch === "[") {
      let j = i + 1;
      const negate = pattern[j] === "^";
      if (negate) j++;
      let set = "";
      for (; j < pattern.length && pattern[j] !== "]"; j++) {
        if (pattern[j] === "\\" && j + 1 < pattern.length) set += hex(pattern[++j]);
        else if (pattern[j + 1] === "-" && j + 2 < pattern.length && pattern[j + 2] !== "]") {
          const [low, high] = [pattern[j], pattern[j + 2]].sort();
          set += hex(low) + "-" + hex(high);
          j += 2;
        } else set += hex(pattern[j]);
      }
      i = j; // at the closing ] (or the end of a pattern without one)
      if (set === "") source += negate ? "[\\s\\S]" : "(?!)";
      else source += negate ? `[^${set}]` : `[${set}]`;
    } else source += hex(ch);
  }
  return new RegExp(`^${source}$`);
}

// ------------------------------------------------------------------ blocking (BLPOP)

const waitersByKey = new Map(); // key -> [waiter, ...], longest waiting first
const readyKeys = new Set(); // keys pushed to while clients wait on them

class Block {
  constructor(keys, timeoutMs) {
    this.keys = keys;
    this.timeoutMs = timeoutMs; // 0: no limit
  }
}

function startWaiting(client, block) {
  return new Promise((resolve) => {
    const waiter = { client, keys: [...new Set(block.keys.map(keyOf))], resolve, timer: null, done: false };
    for (const key of waiter.keys) {
      if (!waitersByKey.has(key)) waitersByKey.set(key, []);
      waitersByKey.get(key).push(waiter);
    }
    client.waiter = waiter;
    if (block.timeoutMs > 0) armTimer(waiter, Date.now() + block.timeoutMs);
  });
}

function armTimer(waiter, deadline) {
  // setTimeout takes at most 2^31-1 ms; longer waits re-arm
  const delay = Math.min(Math.max(deadline - Date.now(), 0), 2 ** 31 - 1);
  waiter.timer = setTimeout(() => {
    if (Date.now() >= deadline) stopWaiting(waiter, NULL_ARRAY);
    else armTimer(waiter, deadline);
  }, delay);
}

function stopWaiting(waiter, reply) {
  if (waiter.done) return;
  waiter.done = true;
  clearTimeout(waiter.timer);
  for (const key of waiter.keys) {
    const queue = waitersByKey.get(key);
    if (!queue) continue;
    const index = queue.indexOf(waiter);
    if (index >= 0) queue.splice(index, 1);
    if (queue.length === 0) waitersByKey.delete(key);
  }
  waiter.client.waiter = null;
  waiter.resolve(reply);
}

function signalReady(key) {
  if (waitersByKey.has(key)) readyKeys.add(key);
}

/** After a command: hand pushed elements to the clients that waited longest, one each. */
function serveReadyKeys() {
  for (const key of readyKeys) {
    readyKeys.delete(key);
    while (waitersByKey.has(key)) {
      const entry = lookup(key);
      if (!entry || entry.type !== "list" || entry.value.length === 0) break;
      const value = entry.value.shift();
      deleteIfEmpty(key, entry.value.length);
      log(["LPOP", bytesOf(key)]);
      stopWaiting(waitersByKey.get(key)[0], [bytesOf(key), value]);
    }
  }
}

// ------------------------------------------------------------------ pub/sub

const subscribers = new Map(); // channel -> Set of clients

function leaveChannel(client, channel) {
  client.channels.delete(channel);
  const members = subscribers.get(channel);
  if (members) {
    members.delete(client);
    if (members.size === 0) subscribers.delete(channel);
  }
}

// ------------------------------------------------------------------ commands

const commands = new Map();

/** arity as in Valkey: n = exactly n words, -n = at least n. */
function define(name, arity, run, options = {}) {
  commands.set(name, { name, arity, run, subscribed: Boolean(options.subscribed) });
}

const arityOk = (spec, count) => (spec.arity > 0 ? count === spec.arity : count >= -spec.arity);

define("ping", -1, (client, args) => {
  if (args.length > 2) fail("ERR PING takes at most one argument");
  if (client.channels.size > 0) return ["pong", args[1] ?? Buffer.alloc(0)];
  return args.length === 2 ? args[1] : { simple: "PONG" };
}, { subscribed: true });

define("echo", 2, (client, args) => args[1]);

define("quit", -1, (client) => {
  client.quitting = true;
  return OK;
}, { subscribed: true });

// --- strings and keys

define("set", -3, (client, args) => {
  const key = keyOf(args[1]);
  const value = args[2];
  let expiry = null; // { unit, amount }
  let keepTtl = false;
  let condition = null;
  let returnOld = false;
  for (let i = 3; i < args.length; i++) {
    const option = args[i].toString("latin1").toUpperCase();
    if (["EX", "PX", "EXAT", "PXAT"].includes(option) && !expiry && !keepTtl && i + 1 < args.length) {
      expiry = { unit: option, amount: args[++i] };
    } else if (option === "KEEPTTL" && !expiry) {
      keepTtl = true;
    } else if ((option === "NX" || option === "XX") && (condition === null || condition === option)) {
      condition = option;
    } else if (option === "GET") {
      returnOld = true;
    } else {
      fail(SYNTAX);
    }
  }
  let expiresAt;
  if (expiry) {
    const amount = parseInteger(expiry.amount);
    const scale = expiry.unit === "EX" || expiry.unit === "EXAT" ? 1000n : 1n;
    let at = amount * scale;
    if (expiry.unit === "EX" || expiry.unit === "PX") at += BigInt(Date.now());
    if (amount <= 0n || at > INT64_MAX) fail("ERR SET needs a positive expire time that fits");
    expiresAt = Number(at);
  }
  const old = lookup(key);
  if (returnOld && old && old.type !== "string") fail(WRONGTYPE);
  const previous = returnOld ? (old ? old.value : null) : undefined;
  if ((condition === "NX" && old) || (condition === "XX" && !old)) return returnOld ? previous : null;
  const entry = { type: "string", value: Buffer.from(value) };
  if (expiresAt !== undefined) entry.expiresAt = expiresAt;
  else if (keepTtl && old) entry.expiresAt = old.expiresAt;
  db.set(key, entry);
  if (entry.expiresAt !== undefined) log(["SET", args[1], value, "PXAT", String(entry.expiresAt)]);
  else log(["SET", args[1], value]);
  return returnOld ? previous : OK;
});

define("get", 2, (client, args) => {
  const entry = lookupTyped(keyOf(args[1]), "string");
  return entry ? entry.value : null;
});

define("del", -2, (client, args) => {
  const removed = args.slice(1).filter((key) => lookup(keyOf(key)) !== undefined && db.delete(keyOf(key)));
  if (removed.length) log(["DEL", ...removed]);
  return removed.length;
});

define("exists", -2, (client, args) => args.slice(1).filter((key) => lookup(keyOf(key)) !== undefined).length);

function addToCounter(args, delta) {
  const key = keyOf(args[1]);
  const entry = lookupTyped(key, "string");
  const current = entry ? parseInteger(entry.value) : 0n;
  const result = current + delta;
  if (result < INT64_MIN || result > INT64_MAX) fail("ERR the result would overflow a 64-bit integer");
  const updated = { type: "string", value: Buffer.from(String(result)) };
  if (entry && entry.expiresAt !== undefined) updated.expiresAt = entry.expiresAt; // INCR keeps the TTL
  db.set(key, updated);
  log(args);
  return result;
}

define("incr", 2, (client, args) => addToCounter(args, 1n));
define("decr", 2, (client, args) => addToCounter(args, -1n));
define("incrby", 3, (client, args) => addToCounter(args, parseInteger(args[2])));
define("decrby", 3, (client, args) => addToCounter(args, -parseInteger(args[2])));

define("type", 2, (client, args) => {
  const entry = lookup(keyOf(args[1]));
  return { simple: entry ? entry.type : "none" };
});

define("keys", 2, (client, args) => {
  const pattern = globToRegExp(keyOf(args[1]));
  return [...db.keys()].filter((key) => lookup(key) !== undefined && pattern.test(key)).map(bytesOf);
});

define("flushall", -1, () => {
  db.clear();
  log(["FLUSHALL"]);
  return OK;
});

// --- lists

function push(args, atHead) {
  const key = keyOf(args[1]);
  let entry = lookupTyped(key, "list");
  if (!entry) {
    entry = { type: "list", value: [] };
    db.set(key, entry);
  }
  for (const value of args.slice(2)) {
    if (atHead) entry.value.unshift(Buffer.from(value));
    else entry.value.push(Buffer.from(value));
  }
  log(args);
  signalReady(key);
  return entry.value.length;
}

define("rpush", -3, (client, args) => push(args, false));
define("lpush", -3, (client, args) => push(args, true));

define("lrange", 4, (client, args) => {
  const start = smallInteger(args[2]);
  const stop = smallInteger(args[3]);
  const entry = lookupTyped(keyOf(args[1]), "list");
  const items = entry ? entry.value : [];
  const [from, to] = clampRange(start, stop, items.length);
  return items.slice(from, to);
});

define("llen", 2, (client, args) => {
  const entry = lookupTyped(keyOf(args[1]), "list");
  return entry ? entry.value.length : 0;
});

function pop(args, fromHead) {
  if (args.length > 3) fail(SYNTAX);
  let count = null;
  if (args.length === 3) {
    count = smallInteger(args[2], "ERR count must be a non-negative integer");
    if (count < 0) fail("ERR count must be a non-negative integer");
  }
  const key = keyOf(args[1]);
  const entry = lookupTyped(key, "list");
  if (!entry) return count === null ? null : NULL_ARRAY;
  const n = Math.min(count === null ? 1 : count, entry.value.length);
  const taken = fromHead ? entry.value.splice(0, n) : entry.value.splice(entry.value.length - n, n).reverse();
  deleteIfEmpty(key, entry.value.length);
  if (taken.length) log(args);
  return count === null ? taken[0] : taken;
}

define("lpop", -2, (client, args) => pop(args, true));
define("rpop", -2, (client, args) => pop(args, false));

define("blpop", -3, (client, args) => {
  const keys = args.slice(1, -1);
  const seconds = parseFloat64(args[args.length - 1], "ERR timeout must be a number");
  if (seconds < 0) fail("ERR timeout must not be negative");
  if (!Number.isFinite(seconds)) fail("ERR timeout is too large");
  for (const key of keys) {
    const entry = lookupTyped(keyOf(key), "list");
    if (entry && entry.value.length) {
      const value = entry.value.shift();
      deleteIfEmpty(keyOf(key), entry.value.length);
      log(["LPOP", key]);
      return [key, value];
    }
  }
  if (client.inExec || !client.socket) return NULL_ARRAY; // never blocks inside a transaction
  return new Block(keys, Math.ceil(seconds * 1000));
});

// --- hashes

define("hset", -4, (client, args) => {
  if (args.length % 2 !== 0) fail("ERR HSET needs field value pairs");
  const key = keyOf(args[1]);
  let entry = lookupTyped(key, "hash");
  if (!entry) {
    entry = { type: "hash", value: new Map() };
    db.set(key, entry);
  }
  let added = 0;
  for (let i = 2; i < args.length; i += 2) {
    const field = keyOf(args[i]);
    if (!entry.value.has(field)) added++;
    entry.value.set(field, Buffer.from(args[i + 1]));
  }
  log(args);
  return added;
});

define("hget", 3, (client, args) => {
  const entry = lookupTyped(keyOf(args[1]), "hash");
  return entry?.value.get(keyOf(args[2])) ?? null;
});

define("hgetall", 2, (client, args) => {
  const entry = lookupTyped(keyOf(args[1]), "hash");
  const reply = [];
  if (entry) for (const [field, value] of entry.value) reply.push(bytesOf(field), value);
  return reply;
});

define("hdel", -3, (client, args) => {
  const key = keyOf(args[1]);
  const entry = lookupTyped(key, "hash");
  if (!entry) return 0;
  let removed = 0;
  for (const field of args.slice(2)) if (entry.value.delete(keyOf(field))) removed++;
  deleteIfEmpty(key, entry.value.size);
  if (removed) log(args);
  return removed;
});

define("hlen", 2, (client, args) => lookupTyped(keyOf(args[1]), "hash")?.value.size ?? 0);

// --- sorted sets

define("zadd", -4, (client, args) => {
  const flags = new Set();
  let i = 2;
  for (; i < args.length; i++) {
    const word = args[i].toString("latin1").toUpperCase();
    if (!["NX", "XX", "GT", "LT", "CH", "INCR"].includes(word)) break;
    flags.add(word);
  }
  const pairs = args.slice(i);
  if (pairs.length === 0 || pairs.length % 2 !== 0) fail(SYNTAX);
  if (flags.has("NX") && flags.has("XX")) fail("ERR NX and XX exclude each other");
  if (["NX", "GT", "LT"].filter((f) => flags.has(f)).length > 1) fail("ERR use at most one of NX, GT, LT");
  if (flags.has("INCR") && pairs.length !== 2) fail("ERR INCR works on one member at a time");
  const updates = [];
  for (let j = 0; j < pairs.length; j += 2) updates.push({ score: parseFloat64(pairs[j]), member: keyOf(pairs[j + 1]) });
  const key = keyOf(args[1]);
  let entry = lookupTyped(key, "zset");
  const zset = entry ? entry.value : { scores: new Map(), order: [] };
  let added = 0;
  let changed = 0;
  let result = null;
  for (let { score, member } of updates) {
    const old = zset.scores.get(member);
    if (flags.has("INCR") && old !== undefined) {
      score += old;
      if (Number.isNaN(score)) fail("ERR the resulting score is not a number");
    }
    if (old === undefined) {
      if (flags.has("XX")) continue;
      zsetInsert(zset, member, score);
      added++;
      result = score;
    } else {
      if (flags.has("NX") || (flags.has("GT") && score <= old) || (flags.has("LT") && score >= old)) continue;
      result = score;
      if (score !== old) {
        zsetInsert(zset, member, score);
        changed++;
      }
    }
  }
  if (!entry && zset.order.length) db.set(key, { type: "zset", value: zset });
  if (added || changed) log(args);
  if (flags.has("INCR")) return result === null ? null : formatScore(result);
  return flags.has("CH") ? added + changed : added;
});

define("zrange", -4, (client, args) => {
  const start = smallInteger(args[2]);
  const stop = smallInteger(args[3]);
  const options = args.slice(4).map((a) => a.toString("latin1").toUpperCase());
  if (options.some((o) => o !== "WITHSCORES" && o !== "REV")) fail(SYNTAX);
  const entry = lookupTyped(keyOf(args[1]), "zset");
  let order = entry ? entry.value.order : [];
  if (options.includes("REV")) order = [...order].reverse();
  const [from, to] = clampRange(start, stop, order.length);
  const reply = [];
  for (const { member, score } of order.slice(from, to)) {
    reply.push(bytesOf(member));
    if (options.includes("WITHSCORES")) reply.push(formatScore(score));
  }
  return reply;
});

define("zrank", -3, (client, args) => {
  const withScore = args.length === 4 && args[3].toString("latin1").toUpperCase() === "WITHSCORE";
  if (args.length > 4 || (args.length === 4 && !withScore)) fail(SYNTAX);
  const entry = lookupTyped(keyOf(args[1]), "zset");
  const member = keyOf(args[2]);
  const score = entry?.value.scores.get(member);
  if (score === undefined) return withScore ? NULL_ARRAY : null;
  const rank = zsetPosition(entry.value, score, member);
  return withScore ? [rank, formatScore(score)] : rank;
});

define("zscore", 3, (client, args) => {
  const score = lookupTyped(keyOf(args[1]), "zset")?.value.scores.get(keyOf(args[2]));
  return score === undefined ? null : formatScore(score);
});

define("zcard", 2, (client, args) => lookupTyped(keyOf(args[1]), "zset")?.value.order.length ?? 0);

define("zrem", -3, (client, args) => {
  const key = keyOf(args[1]);
  const entry = lookupTyped(key, "zset");
  if (!entry) return 0;
  let removed = 0;
  for (const member of args.slice(2)) if (zsetRemove(entry.value, keyOf(member))) removed++;
  deleteIfEmpty(key, entry.value.order.length);
  if (removed) log(args);
  return removed;
});

// --- transactions

define("multi", 1, (client) => {
  if (client.transaction) {
    client.transactionFailed = true;
    return errorReply("ERR already inside MULTI");
  }
  client.transaction = [];
  client.transactionFailed = false;
  return OK;
});

define("exec", 1, (client) => {
  if (!client.transaction) return errorReply("ERR no MULTI to EXEC");
  const [queued, failed] = [client.transaction, client.transactionFailed];
  client.transaction = null;
  client.transactionFailed = false;
  if (failed) return errorReply("EXECABORT transaction not run: a command was rejected while queueing");
  // JavaScript runs this loop to its end before any other client's code: EXEC is atomic.
  client.inExec = true;
  try {
    return queued.map((args) => execute(client, args));
  } finally {
    client.inExec = false;
  }
});

define("discard", 1, (client) => {
  if (!client.transaction) return errorReply("ERR no MULTI to DISCARD");
  client.transaction = null;
  client.transactionFailed = false;
  return OK;
});

// --- pub/sub

define("subscribe", -2, (client, args) => many(args.slice(1).map((channel) => {
  const name = keyOf(channel);
  client.channels.add(name);
  if (!subscribers.has(name)) subscribers.set(name, new Set());
  subscribers.get(name).add(client);
  return ["subscribe", channel, client.channels.size];
})), { subscribed: true });

define("unsubscribe", -1, (client, args) => {
  const channels = args.length > 1 ? args.slice(1).map(keyOf) : [...client.channels];
  if (channels.length === 0) return ["unsubscribe", null, 0];
  return many(channels.map((name) => {
    leaveChannel(client, name);
    return ["unsubscribe", bytesOf(name), client.channels.size];
  }));
}, { subscribed: true });

define("publish", 3, (client, args) => {
  const receivers = [...(subscribers.get(keyOf(args[1])) ?? [])];
  const message = toBuffer(encode(["message", args[1], args[2]]));
  for (const receiver of receivers) receiver.send(message);
  return receivers.length;
});

// ------------------------------------------------------------------ running a command

function execute(client, args) {
  const name = args[0].toString("latin1").toLowerCase();
  const spec = commands.get(name);
  if (!spec || !arityOk(spec, args.length)) {
    if (client.transaction) client.transactionFailed = true;
    if (!spec) return errorReply(`ERR unknown command '${args[0].toString()}'`);
    if (name === "exec") return errorReply("EXECABORT EXEC takes no arguments");
    return errorReply(`ERR wrong number of arguments for ${name.toUpperCase()}`);
  }
  if (client.channels.size > 0 && !spec.subscribed) {
    return errorReply(`ERR only (UN)SUBSCRIBE, PING and QUIT while subscribed, not ${name}`);
  }
  if (client.transaction && !["exec", "discard", "multi", "quit"].includes(name)) {
    client.transaction.push(args);
    return QUEUED;
  }
  try {
    return spec.run(client, args);
  } catch (problem) {
    if (problem instanceof CommandError) return errorReply(problem.message);
    throw problem;
  }
}

/** After a whole command (EXEC included): wake waiters, then append its writes to the file. */
function afterCommand() {
  serveReadyKeys();
  if (logQueue.length) {
    if (aofFile !== null) fs.writeSync(aofFile, Buffer.concat(logQueue));
    logQueue = [];
  }
}

// ------------------------------------------------------------------ connections

class Client {
  constructor(socket) {
    this.socket = socket; // null for the client that replays the file
    this.parser = new RespParser();
    this.pending = []; // parsed commands not run yet
    this.next = 0; // index of the next one in pending
    this.running = false;
    this.closed = false;
    this.quitting = false;
    this.output = [];
    this.transaction = null;
    this.transactionFailed = false;
    this.inExec = false;
    this.channels = new Set();
    this.waiter = null;
  }

  send(buffer) {
    if (this.socket && !this.closed) this.socket.write(buffer);
  }

  flush() {
    if (this.output.length) {
      this.send(toBuffer(this.output));
      this.output = [];
    }
  }

  receive(chunk) {
    try {
      this.parser.feed(chunk, this.pending);
    } catch (problem) {
      if (!(problem instanceof ProtocolError)) throw problem;
      this.pending.push({ protocolError: problem.message });
    }
    this.run();
  }

  /** Run the queued commands in order; a blocked BLPOP holds back the ones after it. */
  async run() {
    if (this.running) return;
    this.running = true;
    try {
      while (this.next < this.pending.length && !this.closed) {
        const args = this.pending[this.next++];
        if (this.next > 1024 && this.next * 2 > this.pending.length) {
          this.pending = this.pending.slice(this.next);
          this.next = 0;
        }
        if (args.protocolError) {
          encode(errorReply(`ERR Protocol error: ${args.protocolError}`), this.output);
          this.flush();
          this.socket.end();
          this.closed = true;
          break;
        }
        let reply = execute(this, args);
        if (reply instanceof Block) {
          this.flush();
          reply = await startWaiting(this, reply);
          if (this.closed) break;
        }
        encode(reply, this.output);
        afterCommand();
        if (this.quitting) {
          this.flush();
          this.socket.end();
          this.closed = true;
          break;
        }
      }
    } finally {
      this.flush();
      this.running = false;
    }
  }

  gone() {
    this.closed = true;
    if (this.waiter) stopWaiting(this.waiter, null); // a blocked client that hangs up waits no more
    for (const channel of [...this.channels]) leaveChannel(this, channel);
  }
}

function replayFile() {
  if (!fs.existsSync(AOF_PATH)) return;
  const replayer = new Client(null);
  const logged = [];
  try {
    new RespParser().feed(fs.readFileSync(AOF_PATH), logged); // a cut-off last command stays unparsed
  } catch (problem) {
    if (!(problem instanceof ProtocolError)) throw problem;
  }
  loading = true;
  try {
    for (const args of logged) execute(replayer, args);
  } finally {
    loading = false;
    logQueue = [];
  }
}

replayFile(); // before accepting clients: nobody sees half the data
aofFile = fs.openSync(AOF_PATH, "a");

const server = net.createServer((socket) => {
  socket.setNoDelay(true);
  const client = new Client(socket);
  socket.on("data", (chunk) => client.receive(chunk));
  socket.on("error", () => {}); // ECONNRESET and friends: "close" follows
  socket.on("close", () => client.gone());
  socket.on("end", () => {
    if (client.waiter) client.gone(); // hung up while blocked: leave the queues right now
  });
});
server.listen(PORT, "0.0.0.0");
