/**
 * One cleartext port that speaks both HTTP/1.1 and HTTP/2 with prior
 * knowledge (h2c), as Fauna's endpoint did: the `faunadb` driver connects with
 * HTTP/2, curl and fetch with HTTP/1.1. Node's own servers do the HTTP; this
 * only looks at the first bytes of a connection — HTTP/2 opens with a fixed
 * preface — and hands the connection to the one that speaks it.
 */
import { createServer as createHttp1Server, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttp2Server, type Http2ServerRequest, type Http2ServerResponse } from "node:http2";
import { createServer as createTcpServer, type Socket } from "node:net";
import { Duplex } from "node:stream";

export type Request = IncomingMessage | Http2ServerRequest;
export type Response = ServerResponse | Http2ServerResponse;
export type RequestHandler = (request: Request, response: Response) => void;

const HTTP2_PREFACE = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");

/**
 * The socket as a stream that starts with the bytes already read from it.
 * (Node's HTTP/1 server reads a socket as a stream, so bytes put back with
 * `unshift` reach it; its HTTP/2 server reads the socket's handle directly,
 * unless it is given a stream without one, as this is.)
 */
function withBytesRead(socket: Socket, bytes: Buffer): Duplex {
  const stream = new Duplex({
    read: () => socket.resume(),
    write: (chunk: Buffer, _encoding, done) => socket.write(chunk, done),
    final: (done) => socket.end(done),
    destroy: (error, done) => {
      socket.destroy(error ?? undefined);
      done(error);
    },
  });
  stream.push(bytes);
  socket.on("data", (chunk: Buffer) => {
    if (!stream.push(chunk)) socket.pause();
  });
  socket.on("end", () => stream.push(null));
  socket.on("error", (error) => stream.destroy(error));
  socket.on("close", () => stream.destroy());
  return stream;
}

export interface Listener {
  readonly port: number;
  close(): Promise<void>;
}

export async function listen(handler: RequestHandler, host: string, port: number): Promise<Listener> {
  const http1 = createHttp1Server(handler);
  const http2 = createHttp2Server(handler);
  const sockets = new Set<Socket>();
  const tcp = createTcpServer((socket) => {
    // Answers are small and go at once: waiting to batch them (Nagle) costs a round of delayed ACKs.
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    let received = Buffer.alloc(0);
    const route = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const compared = Math.min(received.length, HTTP2_PREFACE.length);
      const isHttp2 = received.subarray(0, compared).equals(HTTP2_PREFACE.subarray(0, compared));
      // Wait for more bytes only while they could still turn out to be the preface.
      if (isHttp2 && compared < HTTP2_PREFACE.length) return;
      socket.off("data", route);
      if (isHttp2) {
        http2.emit("connection", withBytesRead(socket, received));
      } else {
        socket.pause();
        socket.unshift(received);
        http1.emit("connection", socket);
        socket.resume();
      }
    };
    socket.on("data", route);
  });
  await new Promise<void>((resolve, reject) => {
    tcp.once("error", reject);
    tcp.listen(port, host, () => resolve());
  });
  const address = tcp.address();
  return {
    port: typeof address === "object" && address ? address.port : port,
    close: async () => {
      const closed = new Promise<void>((resolve) => tcp.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      http1.closeAllConnections();
      await closed;
    },
  };
}
