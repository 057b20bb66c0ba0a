// The outside peer of the differential suite: a TCP server on 127.0.0.1 that
// does to a connection what its first line asks, the same for the C program
// and for the AssemblyScript twin. A WASI guest cannot play this part itself:
// dropping a stream makes the host shut it down, so a guest's close always
// sends FIN first, and a peer it resets sees EOF before the reset.
//
//   RST   reset the connection (RST) once the command has arrived; "RST text"
//         sends the text first and resets a moment later
//   FIN   half-close (FIN) and keep reading
//   SINK  read nothing: the client's sends fill the buffers and then block
//   LATER ms text   send the text after ms milliseconds, then keep reading
//   ECHO  echo everything back
import net from "node:net";

/** Starts the peer; resolves with { port, close() }. */
export function startPeer() {
  const sockets = new Set();
  const server = net.createServer((sock) => {
    sockets.add(sock);
    sock.on("close", () => sockets.delete(sock));
    sock.on("error", () => {});
    let head = "";
    const onData = (chunk) => {
      head += chunk.toString("latin1");
      const nl = head.indexOf("\n");
      if (nl < 0) return;
      sock.off("data", onData);
      const [command, ...words] = head.slice(0, nl).trim().split(" ");
      const text = words.join(" ");
      const rest = Buffer.from(head.slice(nl + 1), "latin1");
      if (command === "RST" && text) { sock.write(text); setTimeout(() => sock.resetAndDestroy(), 30); }
      else if (command === "RST") sock.resetAndDestroy();
      else if (command === "FIN") { sock.end(); sock.resume(); }
      else if (command === "SINK") sock.pause();
      else if (command === "LATER") { setTimeout(() => sock.write(words.slice(1).join(" ")), Number(words[0])); sock.resume(); }
      else if (command === "ECHO") { if (rest.length) sock.write(rest); sock.pipe(sock); }
      else sock.destroy();
    };
    sock.on("data", onData);
  });
  return new Promise((resolve, reject) => {
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => resolve({
      port: server.address().port,
      close() {
        for (const s of sockets) s.destroy();
        return new Promise((r) => server.close(r));
      },
    }));
  });
}
