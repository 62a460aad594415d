// Build your own Valkey, step 2: respond to PING with +PONG\r\n.
const net = require("node:net");

const server = net.createServer((connection) => {
  console.log("Client connected from", connection.remoteAddress, connection.remotePort);
  // TODO: when data arrives (connection.on("data", ...)), reply with "+PONG\r\n" (connection.write).
});

server.listen(6379, "127.0.0.1", () => {
  console.log("Listening on 127.0.0.1:6379");
});
