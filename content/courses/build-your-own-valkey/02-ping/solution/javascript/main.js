const net = require("node:net");

const server = net.createServer((connection) => {
  connection.on("data", () => {
    connection.write("+PONG\r\n");
  });
  connection.on("error", () => {}); // a client that disconnects abruptly must not crash the server
});

server.listen(6379, "127.0.0.1", () => {
  console.log("Listening on 127.0.0.1:6379");
});
