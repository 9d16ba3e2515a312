import net from "node:net";

/** A TCP proxy in front of Swift that counts the bytes each way and the HTTP requests sent. */
export class CountingProxy {
  fromSwift = 0;
  toSwift = 0;
  requests = 0;
  connections = 0;
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();

  constructor(private readonly upstreamPort: number) {
    this.server = net.createServer((client) => {
      this.connections += 1;
      const upstream = net.connect(this.upstreamPort, "127.0.0.1");
      this.sockets.add(client).add(upstream);
      client.on("data", (chunk: Buffer) => {
        this.toSwift += chunk.length;
        // Request lines from the app (its bodies here are small, and never start a line like this).
        const text = chunk.toString("latin1");
        this.requests += (text.match(/(?:^|\r\n)(?:GET|HEAD|PUT|POST|DELETE) \/v1\//g) ?? []).length;
        if (!upstream.write(chunk)) client.pause();
      });
      upstream.on("drain", () => client.resume());
      upstream.on("data", (chunk: Buffer) => {
        this.fromSwift += chunk.length;
        if (!client.write(chunk)) upstream.pause();
      });
      client.on("drain", () => upstream.resume());
      const close = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on("close", close).on("error", close);
      upstream.on("close", close).on("error", close);
    });
  }

  listen(): Promise<number> {
    return new Promise((resolve) =>
      this.server.listen(0, "127.0.0.1", () => resolve((this.server.address() as net.AddressInfo).port)),
    );
  }

  reset() {
    this.fromSwift = this.toSwift = this.requests = this.connections = 0;
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((done) => this.server.close(() => done()));
  }
}
