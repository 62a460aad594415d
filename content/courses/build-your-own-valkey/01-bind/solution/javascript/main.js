const net = require("node:net");

const server = net.createServer((connection) => {
  console.log("Client connected from", connection.remoteAddress, connection.remotePort);
});

server.listen(6379, "127.0.0.1", () => {
  console.log("Listening on 127.0.0.1:6379");
});
