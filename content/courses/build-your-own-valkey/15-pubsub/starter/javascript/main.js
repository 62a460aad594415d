// Build your own Valkey, step 15: pub/sub: SUBSCRIBE, PUBLISH, UNSUBSCRIBE.
const net = require("node:net");

/** The client sent bytes that are not a RESP command. */
class ProtocolError extends Error {}

/** A command found a key holding another type of value than it works on. */
class WrongType extends Error {}

// --- reading commands ------------------------------------------------------------------

/**
 * Parse one command from the start of `buffer`.
 *
 * Clients send every command as a RESP array of bulk strings:
 * `*<count>\r\n` followed, for each argument, by `$<length>\r\n<bytes>\r\n`.
 * Returns `{ args, used }` (args are Buffers), or `null` while the command is incomplete.
 */
function parseCommand(buffer) {
  let lineEnd = buffer.indexOf("\r\n");
  if (lineEnd < 0) return null;
  if (buffer[0] !== 0x2a /* "*" */) throw new ProtocolError(`expected '*', got '${String.fromCharCode(buffer[0])}'`);
  const count = parseNumber(buffer.subarray(1, lineEnd));
  let position = lineEnd + 2;
  const args = [];
  for (let i = 0; i < count; i++) {
    lineEnd = buffer.indexOf("\r\n", position);
    if (lineEnd < 0) return null;
    if (buffer[position] !== 0x24 /* "$" */) {
      throw new ProtocolError(`expected '$', got '${String.fromCharCode(buffer[position])}'`);
    }
    const length = parseNumber(buffer.subarray(position + 1, lineEnd));
    const start = lineEnd + 2;
    const end = start + length;
    if (buffer.length < end + 2) return null; // the data and its \r\n have not all arrived yet
    args.push(buffer.subarray(start, end)); // exactly `length` bytes, whatever they contain
    position = end + 2;
  }
  return { args, used: position };
}

function parseNumber(bytes) {
  const text = bytes.toString("latin1");
  if (!/^\d+$/.test(text)) throw new ProtocolError(`invalid length '${text}'`);
  return Number(text);
}

// --- writing replies -------------------------------------------------------------------

/** A simple string: +OK\r\n */
const simple = (text) => Buffer.from(`+${text}\r\n`);

/** An array of bulk strings: *<count>\r\n, then each element; null is the null array *-1\r\n. */
function array(items) {
  if (items === null) return Buffer.from("*-1\r\n");
  return Buffer.concat([Buffer.from(`*${items.length}\r\n`), ...items.map(bulk)]);
}

/** An integer: :<number>\r\n (a number or a BigInt). */
const integer = (number) => Buffer.from(`:${number}\r\n`);

/** An error: -ERR message\r\n. A line break would end the reply early, so none may appear. */
const error = (message) => Buffer.from(`-${message.replace(/[\r\n]/g, " ")}\r\n`, "latin1");

/** A bulk string: $<length in bytes>\r\n<bytes>\r\n; null is the null bulk string $-1\r\n. */
function bulk(data) {
  if (data === null || data === undefined) return Buffer.from("$-1\r\n");
  const bytes = Buffer.from(data); // Buffer.byteLength, not string.length, counts UTF-8 bytes
  return Buffer.concat([Buffer.from(`$${bytes.length}\r\n`), bytes, Buffer.from("\r\n")]);
}

// --- the data --------------------------------------------------------------------------

// The whole database: key -> { value, expiresAt }. The value is a Buffer (a string), an
// Array of Buffers (a list), a Map of fields to Buffers (a hash) or a SortedSet; expiresAt
// is the moment the key expires, in milliseconds since 1970 (as Valkey keeps it), or null.
// A Map compares Buffers by identity, not by content, so keys are stored as "latin1"
// strings, which map each byte to one character.
const store = new Map();
const keyOf = (bytes) => bytes.toString("latin1");

// Clients blocked in BLPOP: key -> the clients waiting on it, longest waiting first.
const blocked = new Map();
// Lists that received elements during the current command, while clients wait on them.
const readyKeys = [];

/**
 * The entry of a key, or undefined if it does not exist. A key whose time is up is deleted
 * here, when someone asks for it: like Valkey, we expire keys lazily.
 */
function lookup(key) {
  const entry = store.get(key);
  if (entry !== undefined && entry.expiresAt !== null && Date.now() > entry.expiresAt) {
    store.delete(key);
    return undefined;
  }
  return entry;
}

/** The name TYPE answers for a value. */
function typeOf(value) {
  if (Buffer.isBuffer(value)) return "string";
  if (Array.isArray(value)) return "list";
  if (value instanceof Map) return "hash";
  if (value instanceof SortedSet) return "zset";
  return "none";
}

/**
 * The value of a key if it is of type `kind` ("string", "list", ...), undefined if the key does
 * not exist. Any other type throws WrongType: a key holds one type of value.
 */
function lookupAs(key, kind) {
  const value = lookup(key)?.value;
  if (value !== undefined && typeOf(value) !== kind) throw new WrongType();
  return value;
}

// --- numbers ---------------------------------------------------------------------------

const MIN_INTEGER = -(2n ** 63n);
const MAX_INTEGER = 2n ** 63n - 1n; // a signed 64-bit integer, as a BigInt

/** The integer (a BigInt) written in `bytes`, or null if it is not one in Valkey's strict sense. */
function parseInteger(bytes) {
  const text = bytes.toString("latin1");
  if (!/^(0|-?[1-9][0-9]*)$/.test(text)) return null; // no "+", no spaces, no leading 0
  const number = BigInt(text);
  return number >= MIN_INTEGER && number <= MAX_INTEGER ? number : null;
}

// --- commands --------------------------------------------------------------------------

function ping(args) {
  if (args.length === 1) return simple("PONG");
  if (args.length === 2) return bulk(args[1]); // PING with a message answers with the message
  return wrongArity("ping");
}

function echo(args) {
  return bulk(args[1]);
}

/** SET key value [EX seconds | PX milliseconds] */
function set(args) {
  const [, key, value, ...options] = args;
  let unit = null;
  let amount = null;
  // First check the words, as Valkey does, then the number.
  for (let i = 0; i < options.length; i += 2) {
    const option = options[i].toString("latin1").toUpperCase();
    if ((option === "EX" || option === "PX") && (unit === null || unit === option) && i + 1 < options.length) {
      unit = option;
      amount = options[i + 1];
    } else {
      return error("ERR syntax error");
    }
  }
  let expiresAt = null;
  if (unit !== null) {
    let milliseconds = parseInteger(amount);
    if (milliseconds === null) return error("ERR value is not an integer or out of range");
    if (unit === "EX") milliseconds *= 1000n;
    const when = BigInt(Date.now()) + milliseconds;
    if (milliseconds <= 0n || when > MAX_INTEGER) return error("ERR invalid expire time in 'set' command");
    expiresAt = Number(when);
  }
  // A copy of the value: args point into the read buffer. A plain SET removes an earlier expiry.
  store.set(keyOf(key), { value: Buffer.from(value), expiresAt });
  return simple("OK");
}

function get(args) {
  return bulk(lookupAs(keyOf(args[1]), "string")); // undefined for a missing or expired key: $-1\r\n
}

function del(args) {
  let deleted = 0;
  for (const arg of args.slice(1)) {
    const key = keyOf(arg);
    if (lookup(key) !== undefined) { // an expired key does not count (lookup removes it)
      store.delete(key);
      deleted++;
    }
  }
  return integer(deleted);
}

function exists(args) {
  // Every key named counts, so EXISTS k k answers 2 when k exists.
  return integer(args.slice(1).filter((arg) => lookup(keyOf(arg)) !== undefined).length);
}

const incr = (args) => add(args[1], 1n);
const decr = (args) => add(args[1], -1n);

/** INCR and DECR: a missing key counts from 0; the result is stored as text again. */
function add(keyBytes, delta) {
  const key = keyOf(keyBytes);
  const value = lookupAs(key, "string");
  const number = value === undefined ? 0n : parseInteger(value);
  if (number === null) return error("ERR value is not an integer or out of range");
  // BigInt, because Valkey counts up to 2^63 - 1 and JavaScript numbers are exact only to 2^53.
  const result = number + delta;
  if (result < MIN_INTEGER || result > MAX_INTEGER) return error("ERR increment or decrement would overflow");
  const expiresAt = value === undefined ? null : store.get(key).expiresAt; // INCR keeps the key's expiry
  store.set(key, { value: Buffer.from(result.toString()), expiresAt });
  return integer(result);
}

function type(args) {
  return simple(typeOf(lookup(keyOf(args[1]))?.value));
}

function keys(args) {
  const pattern = globToRegExp(keyOf(args[1]));
  const matching = [];
  for (const key of [...store.keys()]) { // a copy: lookup() may delete expired keys
    if (pattern.test(key) && lookup(key) !== undefined) matching.push(Buffer.from(key, "latin1"));
  }
  return array(matching);
}

const escapeRegExp = (char) => char.replace(/[\\^$.*+?()[\]{}|\/-]/g, "\\$&");

/**
 * Translate a glob-style pattern, as Valkey reads it, into a regular expression:
 * * any run of bytes (also none), ? exactly one byte, [abc] one of a, b, c ([a-z] a range,
 * [^abc] anything else), and \x the character x itself. Everything else matches itself.
 * Works on "latin1" strings, one character per byte, like the keys in `store`.
 */
function globToRegExp(pattern) {
  let regex = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === "*") {
      regex += ".*";
    } else if (char === "?") {
      regex += ".";
    } else if (char === "\\" && i + 1 < pattern.length) {
      regex += escapeRegExp(pattern[++i]);
    } else if (char === "[") {
      const [end, charClass] = parseClass(pattern, i + 1);
      regex += charClass;
      i = end;
    } else {
      regex += escapeRegExp(char);
    }
  }
  return new RegExp(`^${regex}$`, "s"); // "s": "." also matches \n
}

/**
 * The [...] set starting at pattern[i] (just after the "["): returns the index of its "]"
 * and the equivalent regular expression. Follows Valkey: a "\\" makes the next byte literal,
 * a-z is a range (z-a too), and a set without "]" runs to the end of the pattern.
 */
function parseClass(pattern, i) {
  const negate = pattern[i] === "^";
  if (negate) i++;
  const parts = [];
  while (i < pattern.length && pattern[i] !== "]") {
    if (pattern[i] === "\\" && i + 1 < pattern.length) {
      parts.push(escapeRegExp(pattern[i + 1]));
      i += 2;
    } else if (i + 2 < pattern.length && pattern[i + 1] === "-") {
      const [low, high] = [pattern[i], pattern[i + 2]].sort();
      parts.push(`${escapeRegExp(low)}-${escapeRegExp(high)}`);
      i += 3;
    } else {
      parts.push(escapeRegExp(pattern[i]));
      i += 1;
    }
  }
  if (parts.length === 0) return [i, negate ? "." : "(?!)"]; // [] matches nothing, [^] any one byte
  return [i, `[${negate ? "^" : ""}${parts.join("")}]`];
}

// --- lists -----------------------------------------------------------------------------

const rpush = (args) => push(keyOf(args[1]), args.slice(2), false);
const lpush = (args) => push(keyOf(args[1]), args.slice(2), true);

/** RPUSH and LPUSH: create the list if needed, add the values one by one, answer the length. */
function push(key, values, left) {
  let items = lookupAs(key, "list");
  if (items === undefined) {
    items = [];
    store.set(key, { value: items, expiresAt: null });
  }
  for (const value of values) {
    // Copies: args point into the read buffer. One by one: LPUSH k a b c gives c b a.
    if (left) items.unshift(Buffer.from(value));
    else items.push(Buffer.from(value));
  }
  if (blocked.has(key)) readyKeys.push(key); // served after this command, once its reply is decided
  return integer(items.length);
}

function lrange(args) {
  const start = parseInteger(args[2]);
  const stop = parseInteger(args[3]);
  if (start === null || stop === null) return error("ERR value is not an integer or out of range");
  const items = lookupAs(keyOf(args[1]), "list") ?? [];
  return array(items.slice(...indexRange(start, stop, items.length)));
}

/**
 * LRANGE's and ZRANGE's start and stop (BigInts) as the arguments of slice(). Negative
 * indexes count from the end (-1 is the last element); then both are clamped to the
 * sequence, and the stop index is included, hence stop + 1. Empty when start > stop.
 */
function indexRange(start, stop, length) {
  const size = BigInt(length);
  if (start < 0n) start += size;
  if (stop < 0n) stop += size;
  if (start < 0n) start = 0n;
  if (stop >= size) stop = size - 1n;
  return start > stop ? [0, 0] : [Number(start), Number(stop) + 1];
}

function llen(args) {
  return integer((lookupAs(keyOf(args[1]), "list") ?? []).length);
}

/** LPOP key [count]: without a count a bulk string, with a count an array. */
function lpop(args) {
  if (args.length > 3) return error("ERR syntax error");
  let count = null;
  if (args.length === 3) {
    count = parseInteger(args[2]);
    if (count === null || count < 0n) return error("ERR value is out of range, must be positive");
  }
  const key = keyOf(args[1]);
  const items = lookupAs(key, "list");
  if (items === undefined) return count === null ? bulk(null) : array(null); // $-1\r\n or *-1\r\n
  const popped = items.splice(0, count === null ? 1 : Number(count));
  if (items.length === 0) store.delete(key); // Valkey never keeps an empty list
  return count === null ? bulk(popped[0]) : array(popped);
}

// --- hashes ----------------------------------------------------------------------------
// A hash is a Map from field (a "latin1" string, like keys) to value (a Buffer).

/** HSET key field value [field value ...]: answers how many fields are new. */
function hset(args) {
  if (args.length % 2 !== 0) return wrongArity("hset"); // a field without its value: reject it all
  const key = keyOf(args[1]);
  let fields = lookupAs(key, "hash");
  if (fields === undefined) {
    fields = new Map();
    store.set(key, { value: fields, expiresAt: null });
  }
  let added = 0;
  for (let i = 2; i < args.length; i += 2) {
    const field = keyOf(args[i]);
    if (!fields.has(field)) added++;
    fields.set(field, Buffer.from(args[i + 1]));
  }
  return integer(added);
}

function hget(args) {
  const fields = lookupAs(keyOf(args[1]), "hash");
  return bulk(fields?.get(keyOf(args[2]))); // undefined for a missing field or key: $-1\r\n
}

function hgetall(args) {
  const fields = lookupAs(keyOf(args[1]), "hash") ?? new Map();
  const reply = [];
  for (const [field, value] of fields) reply.push(Buffer.from(field, "latin1"), value); // field, value, ...
  return array(reply);
}

function hdel(args) {
  const key = keyOf(args[1]);
  const fields = lookupAs(key, "hash");
  if (fields === undefined) return integer(0);
  const removed = args.slice(2).filter((field) => fields.delete(keyOf(field))).length;
  if (fields.size === 0) store.delete(key); // Valkey never keeps an empty hash
  return integer(removed);
}

// --- sorted sets -----------------------------------------------------------------------

/** Members ("latin1" strings, like keys) with a score (a number) each, ordered by score, then member. */
class SortedSet {
  constructor() {
    this.scores = new Map(); // member -> score
  }

  /**
   * The members in order. Sorting on each call keeps this simple; Valkey keeps a skip list
   * instead, which stays sorted as members come and go. (Comparing "latin1" strings compares
   * their bytes, as Valkey does.)
   */
  ranked() {
    const byScoreThenMember = (a, b) => this.scores.get(a) - this.scores.get(b) || (a < b ? -1 : a > b ? 1 : 0);
    return [...this.scores.keys()].sort(byScoreThenMember);
  }
}

/** A score as Valkey reads it (like C's strtod: also inf, -inf in any case), or null if it is none. */
function parseScore(bytes) {
  const text = bytes.toString("latin1");
  if (/^[+-]?inf(inity)?$/i.test(text)) return text.startsWith("-") ? -Infinity : Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return null; // Number() would also take "0x1f" or ""
  return Number(text);
}

/** A score as Valkey writes it: 3 (not 3.0), 1.5, inf, -inf. */
function formatScore(score) {
  if (score === Infinity) return "inf";
  if (score === -Infinity) return "-inf";
  if (Number.isInteger(score) && Math.abs(score) <= 2 ** 62) return BigInt(score).toString(); // never 1e+21
  // The shortest text that reads back as the same number. (For very large and very small
  // numbers Valkey's exponent notation differs a little from JavaScript's.)
  return String(score);
}

/** ZADD key score member [score member ...]: answers how many members are new. */
function zadd(args) {
  if (args.length % 2 !== 0) return error("ERR syntax error");
  const pairs = [];
  for (let i = 2; i < args.length; i += 2) pairs.push([parseScore(args[i]), keyOf(args[i + 1])]);
  if (pairs.some(([score]) => score === null)) return error("ERR value is not a valid float"); // check all first
  const key = keyOf(args[1]);
  let zset = lookupAs(key, "zset");
  if (zset === undefined) {
    zset = new SortedSet();
    store.set(key, { value: zset, expiresAt: null });
  }
  let added = 0;
  for (const [score, member] of pairs) {
    if (!zset.scores.has(member)) added++;
    zset.scores.set(member, score); // a member that exists gets its new score
  }
  return integer(added);
}

/** ZRANGE key start stop [WITHSCORES] */
function zrange(args) {
  const start = parseInteger(args[2]);
  const stop = parseInteger(args[3]);
  if (start === null || stop === null) return error("ERR value is not an integer or out of range");
  const options = args.slice(4).map((option) => option.toString("latin1").toUpperCase());
  const withScores = options.length === 1 && options[0] === "WITHSCORES";
  if (options.length > 0 && !withScores) return error("ERR syntax error");
  const zset = lookupAs(keyOf(args[1]), "zset") ?? new SortedSet();
  const members = zset.ranked();
  const reply = [];
  for (const member of members.slice(...indexRange(start, stop, members.length))) {
    reply.push(Buffer.from(member, "latin1"));
    if (withScores) reply.push(formatScore(zset.scores.get(member)));
  }
  return array(reply);
}

function zrank(args) {
  const zset = lookupAs(keyOf(args[1]), "zset");
  const member = keyOf(args[2]);
  if (zset === undefined || !zset.scores.has(member)) return bulk(null);
  return integer(zset.ranked().indexOf(member));
}

function zscore(args) {
  const zset = lookupAs(keyOf(args[1]), "zset");
  const member = keyOf(args[2]);
  if (zset === undefined || !zset.scores.has(member)) return bulk(null);
  return bulk(formatScore(zset.scores.get(member)));
}

function zcard(args) {
  return integer(lookupAs(keyOf(args[1]), "zset")?.scores.size ?? 0);
}

function zrem(args) {
  const key = keyOf(args[1]);
  const zset = lookupAs(key, "zset");
  if (zset === undefined) return integer(0);
  const removed = args.slice(2).filter((member) => zset.scores.delete(keyOf(member))).length;
  if (zset.scores.size === 0) store.delete(key); // Valkey never keeps an empty sorted set
  return integer(removed);
}

// --- blocking --------------------------------------------------------------------------

/**
 * A client blocked in BLPOP. Waiting must not block Node.js's one thread, so serve() awaits
 * its `promise`, which a push to one of its keys (or the timer) resolves.
 */
class Waiter {
  constructor(keys, timeout) {
    this.keys = keys;
    this.promise = new Promise((resolve) => {
      this.resolve = resolve;
    });
    // A timeout of 0 means no time limit; otherwise the reply is the null array *-1\r\n.
    this.timer = timeout > 0 ? setTimeout(() => this.finish(array(null)), timeout * 1000) : null;
    for (const key of keys) {
      if (!blocked.has(key)) blocked.set(key, []);
      blocked.get(key).push(this);
    }
  }

  /** Stop waiting, with this reply: leave the queues of all its keys. */
  finish(reply) {
    clearTimeout(this.timer);
    for (const key of this.keys) {
      const queue = blocked.get(key)?.filter((other) => other !== this) ?? [];
      if (queue.length > 0) blocked.set(key, queue);
      else blocked.delete(key);
    }
    this.resolve(reply);
  }
}

/** BLPOP key [key ...] timeout: pop from the first non-empty list, or wait for one. */
function blpop(args) {
  const keys = args.slice(1, -1).map(keyOf);
  const timeoutText = args[args.length - 1].toString("latin1");
  const timeout = Number(timeoutText);
  if (timeoutText.trim() === "" || !Number.isFinite(timeout)) return error("ERR timeout is not a float or out of range");
  if (timeout < 0) return error("ERR timeout is negative");
  for (const key of keys) {
    const items = lookupAs(key, "list");
    if (items !== undefined && items.length > 0) return array([Buffer.from(key, "latin1"), popFirst(key, items)]);
  }
  return new Waiter(keys, timeout);
}

function popFirst(key, items) {
  const value = items.shift();
  if (items.length === 0) store.delete(key); // Valkey never keeps an empty list
  return value;
}

/**
 * Hand the new elements of the ready lists to the clients waiting on them, longest waiting
 * first, one element each. Runs after each command.
 */
function serveBlockedClients() {
  while (readyKeys.length > 0) {
    const key = readyKeys.shift();
    let items = lookup(key)?.value;
    while (blocked.has(key) && Array.isArray(items) && items.length > 0) {
      const waiter = blocked.get(key)[0]; // it leaves this key's queue and those of its other keys
      waiter.finish(array([Buffer.from(key, "latin1"), popFirst(key, items)]));
      items = lookup(key)?.value;
    }
  }
}

// --- transactions ----------------------------------------------------------------------
// A client is what the server keeps about one connection, between its commands:
// { connection, buffer, waiter (see serve()),
//   transaction: the queued commands between MULTI and EXEC (or null),
//   transactionFailed: a command could not be queued, so EXEC will refuse }.

function multi(client) {
  if (client.transaction !== null) {
    client.transactionFailed = true; // like any command that cannot be queued
    return error("ERR Command 'multi' not allowed inside a transaction");
  }
  client.transaction = [];
  return simple("OK");
}

function exec(client) {
  if (client.transaction === null) return error("ERR EXEC without MULTI");
  const { transaction: queued, transactionFailed: failed } = client;
  client.transaction = null;
  client.transactionFailed = false;
  if (failed) return error("EXECABORT Transaction discarded because of previous errors.");
  // All of them in one go: Node.js runs no other client's code in between.
  const replies = queued.map((args) => {
    const reply = run(args); // an error is just one more reply: the others still run
    if (!(reply instanceof Waiter)) return reply;
    reply.finish(array(null)); // BLPOP does not wait inside a transaction
    return array(null);
  });
  serveBlockedClients();
  return Buffer.concat([Buffer.from(`*${replies.length}\r\n`), ...replies]);
}

function discard(client) {
  if (client.transaction === null) return error("ERR DISCARD without MULTI");
  client.transaction = null;
  client.transactionFailed = false;
  return simple("OK");
}

// TODO: add SUBSCRIBE, UNSUBSCRIBE and PUBLISH. Keep, for each channel, the connections
// subscribed to it: PUBLISH writes the array [message, channel, text] to each of them and
// answers how many there were. While subscribed, a client may only (UN)SUBSCRIBE and PING.


// name -> [function, arity]. Like Valkey: a positive arity is the exact number of words
// (command name included), a negative one the minimum.
const COMMANDS = new Map([
  ["ping", [ping, -1]],
  ["echo", [echo, 2]],
  ["set", [set, -3]],
  ["get", [get, 2]],
  ["del", [del, -2]],
  ["exists", [exists, -2]],
  ["incr", [incr, 2]],
  ["decr", [decr, 2]],
  ["type", [type, 2]],
  ["keys", [keys, 2]],
  ["rpush", [rpush, -3]],
  ["lpush", [lpush, -3]],
  ["lrange", [lrange, 4]],
  ["llen", [llen, 2]],
  ["lpop", [lpop, -2]],
  ["blpop", [blpop, -3]],
  ["hset", [hset, -4]],
  ["hget", [hget, 3]],
  ["hgetall", [hgetall, 2]],
  ["hdel", [hdel, -3]],
  ["zadd", [zadd, -4]],
  ["zrange", [zrange, -4]],
  ["zrank", [zrank, 3]],
  ["zscore", [zscore, 3]],
  ["zcard", [zcard, 2]],
  ["zrem", [zrem, -3]],
]);

// Commands about the connection itself rather than the data: function(client, args).
const CLIENT_COMMANDS = new Map([
  ["multi", [multi, 1]],
  ["exec", [exec, 1]],
  ["discard", [discard, 1]],
]);

function wrongArity(name) {
  return error(`ERR wrong number of arguments for '${name}' command`);
}

function unknownCommand(args) {
  // Valkey quotes the name as sent, then each argument in '' followed by a space, and stops
  // listing arguments once about 128 bytes have been written. (latin1 maps bytes 1:1.)
  let listed = "";
  for (const arg of args.slice(1)) {
    if (listed.length >= 128) break;
    listed += `'${arg.subarray(0, 128 - listed.length).toString("latin1")}' `;
  }
  const name = args[0].subarray(0, 128).toString("latin1");
  return error(`ERR unknown command '${name}', with args beginning with: ${listed}`);
}

/** Run one command and return its reply (a Buffer), or a Waiter for a blocked BLPOP. */
function execute(client, args) {
  const name = args[0].toString("latin1").toLowerCase(); // command names are case-insensitive
  const problem = check(name, args);
  if (problem !== null) {
    if (client.transaction !== null) client.transactionFailed = true; // it spoils EXEC
    return problem;
  }
  if (CLIENT_COMMANDS.has(name)) return CLIENT_COMMANDS.get(name)[0](client, args);
  if (client.transaction !== null) {
    client.transaction.push(args.map((arg) => Buffer.from(arg))); // copies: args point into the read buffer
    return simple("QUEUED"); // runs at EXEC
  }
  const reply = run(args);
  serveBlockedClients();
  return reply;
}

/** The error reply for a command that cannot run at all, or null. */
function check(name, args) {
  const entry = COMMANDS.get(name) ?? CLIENT_COMMANDS.get(name);
  if (entry === undefined) return unknownCommand(args);
  const arity = entry[1];
  if ((arity > 0 && args.length !== arity) || args.length < -arity) return wrongArity(name);
  return null;
}

/** Run a command on the data and return its reply. */
function run(args) {
  try {
    return COMMANDS.get(args[0].toString("latin1").toLowerCase())[0](args);
  } catch (problem) {
    if (!(problem instanceof WrongType)) throw problem;
    return error("WRONGTYPE Operation against a key holding the wrong kind of value");
  }
}

// --- connections -----------------------------------------------------------------------

/** Read commands from one client and answer each of them, until it hangs up. */
async function serve(connection) {
  const client = {
    connection,
    buffer: Buffer.alloc(0), // bytes received but not handled yet: a command may arrive in pieces
    waiter: null, // the BLPOP it waits in, if any
    transaction: null, // see multi()
    transactionFailed: false,
  };
  try {
    for await (const data of connection) {
      client.buffer = Buffer.concat([client.buffer, data]);
      // While the client waits in BLPOP its next commands wait too, but reading goes on: that
      // is how a client that hangs up while it waits is noticed. (After a protocol error the
      // connection is ending: nothing more is handled.)
      if (client.waiter === null && !connection.writableEnded) handleCommands(client);
    }
  } catch {
    // ECONNRESET and the like: the client vanished.
  } finally {
    client.waiter?.finish(null); // gone while waiting: it leaves the queues and takes nothing
  }
}

/**
 * Answer every complete command in the client's buffer and keep the rest for the next read:
 * one read can hold several commands (pipelining), or only part of one. A BLPOP that blocks
 * stops the loop until it is answered.
 */
function handleCommands(client) {
  const replies = [];
  try {
    let command;
    while ((command = parseCommand(client.buffer)) !== null) {
      client.buffer = client.buffer.subarray(command.used);
      if (command.args.length === 0) continue; // *0\r\n is ignored
      const reply = execute(client, command.args);
      if (reply instanceof Waiter) { // BLPOP blocks: send what is ready, then wait
        client.waiter = reply;
        reply.promise.then((answer) => whenAnswered(client, answer));
        break;
      }
      replies.push(reply);
    }
  } catch (problem) {
    if (!(problem instanceof ProtocolError)) throw problem;
    // Not RESP: say so and hang up.
    client.connection.end(Buffer.concat([...replies, error(`ERR Protocol error: ${problem.message}`)]));
    return;
  }
  // One write for all the replies of this read, rather than many small ones.
  if (replies.length > 0) client.connection.write(Buffer.concat(replies));
}

/** A blocked BLPOP got its answer (null when its client hung up): send it, then go on. */
function whenAnswered(client, answer) {
  client.waiter = null;
  if (answer === null || !client.connection.writable) return;
  client.connection.write(answer);
  handleCommands(client);
}

// Node.js calls serve() for every new client as soon as it connects. serve() is async: it
// returns (a promise) at its first `await`, so clients are served side by side.
const server = net.createServer(serve);

server.listen(6379, "127.0.0.1", () => {
  console.log("Listening on 127.0.0.1:6379");
});
