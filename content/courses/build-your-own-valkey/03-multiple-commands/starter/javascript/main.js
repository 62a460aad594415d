// Build your own Valkey, step 3: answer several commands on one connection.
const net = require("node:net");

const server = net.createServer((connection) => {
  connection.on("data", (data) => {
    // TODO: one "data" event is not one command. `data` may hold two commands sent together
    // (*1\r\n$4\r\nPING\r\n*1\r\n$4\r\nPING\r\n) or only the first half of one.
    // Keep a buffer of received bytes for this connection, answer "+PONG\r\n" for every
    // *complete* command in it, and keep the leftover bytes for the next event.
    connection.write("+PONG\r\n");
  });
  connection.on("error", () => {}); // a client that disconnects abruptly must not crash the server
});

server.listen(6379, "127.0.0.1", () => {
  console.log("Listening on 127.0.0.1:6379");
});
