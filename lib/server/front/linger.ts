import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";

/** How long a connection keeps taking a body it was answered before receiving. */
const LINGER_MS = 1_000;

/** The exchange each socket is serving now, for the socket's (once patched) destroySoon. */
const servingNow = new WeakMap<Socket, { request: IncomingMessage; response: ServerResponse }>();

/**
 * Node ends a connection whose last answer is done with `destroySoon()`: FIN, then destroy. While the
 * request's body is still arriving, only the FIN goes: the rest is read and dropped until it ends or
 * the linger time is up (lingerAfterEarlyAnswer).
 */
function halfCloseWhileReceiving(socket: Socket): void {
  if (servingNow.has(socket)) return;
  const destroySoon = socket.destroySoon.bind(socket);
  socket.destroySoon = () => {
    if (servingNow.get(socket)?.request.complete === false) socket.end();
    else destroySoon();
  };
}

/**
 * An answer sent before the request's body arrived (a 413, a 401 before reading) must reach a client
 * that is still uploading. Closing the connection at once would make the kernel answer the client's
 * next bytes with a reset, which also throws away the answer waiting in its receive buffer: the client
 * would see "connection reset", not the 413. So what it still sends is read and dropped (Node drains
 * an unread body; nothing is kept) for a moment — a lingering close, as web servers do it — and then
 * the connection goes. Costs the server no memory, and no more bytes than the client itself sends.
 */
export function lingerAfterEarlyAnswer(request: IncomingMessage, response: ServerResponse): void {
  const socket = request.socket;
  halfCloseWhileReceiving(socket);
  servingNow.set(socket, { request, response });
  response.once("finish", () => {
    if (request.complete) return;
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    // Listeners go with the request: a kept-alive socket serves many requests and must not collect them.
    const stop = () => clearTimeout(timer);
    socket.once("close", stop);
    request.once("end", () => {
      stop();
      socket.off("close", stop);
      if (!socket.writable) socket.destroy(); // half-closed above: all is drained, nothing more to say
    });
  });
}

/**
 * The answer this socket has begun sending, if any. A request whose headers were fine but whose body
 * breaks the parser (a bogus Transfer-Encoding) may already have been answered: a second, raw answer
 * behind it would be read by the client as garbage after the first.
 */
export function answerUnderWay(socket: Socket): ServerResponse | undefined {
  const exchange = servingNow.get(socket);
  if (!exchange?.response.headersSent) return undefined;
  const { request, response } = exchange;
  // After a finished answer to a complete request, a kept-alive connection may carry a new (malformed)
  // request that deserves its 400; on a connection being closed, what follows is not a request at all.
  const current = !response.writableFinished || !request.complete || !response.shouldKeepAlive;
  return current ? response : undefined;
}
