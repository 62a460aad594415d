// Build your own Valkey, step 1: accept connections on port 6379.
//
// The tests connect to 127.0.0.1:6379 several times. Your program must:
//   1. create a TCP server with net.createServer(),
//   2. listen on port 6379,
//   3. keep running (Node.js keeps running while a server is listening).
const net = require("node:net"); // eslint-disable-line no-unused-vars

// TODO: const server = net.createServer((connection) => { /* a client connected */ });
// TODO: server.listen(6379, "127.0.0.1");

console.log("Nothing listens on port 6379 yet: replace the TODOs above with your server.");
