import "server-only";

import {
  ObjectStoreError,
  type ByteRange,
  type ContainerInfo,
  type ListOptions,
  type ListPage,
  type Metadata,
  type ObjectBody,
  type ObjectInfo,
  type ObjectRead,
  type ObjectStore,
  type PutOptions,
} from "./object-store";
import type { SwiftAuth } from "./swift-auth";
import { readBody } from "./swift-body";
import { failure, SwiftClient, type SwiftResponse } from "./swift-client";
import { statusError, type Subject } from "./swift-errors";
import * as wire from "./swift-headers";
import { createAgents } from "./swift-http";
import { listContainerPage } from "./swift-listing";
import { putSwiftObject } from "./swift-put";
import { rangeHeader, servedRange } from "./swift-range";
import * as check from "./validation";

export interface SwiftStoreOptions {
  /** The proxy's storage base, e.g. http://127.0.0.1:8080/v1; account `p` is `<storageUrl>/<resellerPrefix><p>`. */
  storageUrl: string;
  resellerPrefix?: string;
  auth: SwiftAuth;
  /** Connect/idle limit per request: no progress from Swift for this long fails with 504. Default 30 s. */
  timeoutMs?: number;
  /** Keep-alive connections per host. Default 16. */
  maxSockets?: number;
}

export interface SwiftObjectStore extends ObjectStore {
  /** Closes the idle keep-alive connections; requests in flight finish. */
  close(): void;
}

export const createSwiftObjectStore = (options: SwiftStoreOptions): SwiftObjectStore =>
  new SwiftStore(options);

const SMALL_BODY = 1024 * 1024;

class SwiftStore implements SwiftObjectStore {
  private readonly client: SwiftClient;
  private readonly agents;
  private readonly basePath: string;
  private readonly prefix: string;

  constructor(options: SwiftStoreOptions) {
    const url = new URL(options.storageUrl);
    this.basePath = url.pathname.replace(/\/+$/, "");
    this.prefix = options.resellerPrefix ?? "AUTH_";
    this.agents = createAgents(options.maxSockets ?? 16);
    this.client = new SwiftClient(url, options.auth, this.agents, options.timeoutMs ?? 30_000);
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  async putContainer(account: string, container: string, options?: { metadata?: Metadata }): Promise<void> {
    await this.updateContainer("PUT", account, container, options?.metadata ?? {});
  }

  async postContainer(account: string, container: string, metadata: Metadata): Promise<void> {
    await this.updateContainer("POST", account, container, metadata);
  }

  async headContainer(account: string, container: string): Promise<ContainerInfo> {
    check.checkContainerPath(account, container);
    const response = await this.done(
      this.client.expect(
        { method: "HEAD", path: this.path(account, container) },
        { kind: "container", container },
      ),
    );
    return {
      objectCount: Number(response.headers["x-container-object-count"] ?? 0),
      bytesUsed: Number(response.headers["x-container-bytes-used"] ?? 0),
      metadata: wire.metadataFrom("container", response.headers),
    };
  }

  async deleteContainer(account: string, container: string): Promise<void> {
    check.checkContainerPath(account, container);
    const call = { method: "DELETE", path: this.path(account, container) } as const;
    await this.done(this.client.expect(call, { kind: "container", container }));
  }

  async listObjects(account: string, container: string, options: ListOptions = {}): Promise<ListPage> {
    check.checkContainerPath(account, container);
    return listContainerPage(this.client, this.path(account, container), container, options);
  }

  async putObject(
    account: string,
    container: string,
    name: string,
    body: ObjectBody,
    options: PutOptions = {},
  ): Promise<ObjectInfo> {
    check.checkObjectPath(account, container, name);
    return putSwiftObject(
      this.client,
      this.path(account, container, name),
      { container, name },
      body,
      options,
    );
  }

  async headObject(account: string, container: string, name: string): Promise<ObjectInfo> {
    check.checkObjectPath(account, container, name);
    const subject = { kind: "object", container, name } as const;
    const response = await this.done(
      this.client.expect(
        { method: "HEAD", path: this.path(account, container, name), confirmNotFound: true },
        subject,
      ),
    );
    return wire.objectInfoFrom(name, response.headers, servedRange(200, response.headers).size);
  }

  async getObject(
    account: string,
    container: string,
    name: string,
    options: { range?: ByteRange } = {},
  ): Promise<ObjectRead> {
    check.checkObjectPath(account, container, name);
    const subject: Subject = { kind: "object", container, name };
    const range = rangeHeader(options.range);
    if (options.range && "suffix" in options.range && options.range.suffix === 0) {
      const { bytes } = await this.headObject(account, container, name);
      throw new ObjectStoreError(416, `Requested range not satisfiable (object is ${bytes} bytes)`);
    }
    const path = this.path(account, container, name);
    const headers = range ? { range } : {};
    const response = await this.client.call({ method: "GET", path, headers, confirmNotFound: true });
    if (response.status === 416) {
      const { total } = wire.parseContentRange(response.headers["content-range"] as string | undefined);
      response.body.destroy();
      // Any range of an empty object reads as empty in the local store (Swift refuses it).
      if (total === 0) return this.getObject(account, container, name);
      throw statusError(416, subject, undefined, total);
    }
    if (response.status < 200 || response.status >= 300) throw await failure(response, subject);
    const { start, end, size } = servedRange(response.status, response.headers);
    return { info: wire.objectInfoFrom(name, response.headers, size), start, end, body: response.body };
  }

  async deleteObject(account: string, container: string, name: string): Promise<void> {
    check.checkObjectPath(account, container, name);
    const call = { method: "DELETE", path: this.path(account, container, name) } as const;
    await this.done(this.client.expect(call, { kind: "object", container, name }));
  }

  private async updateContainer(
    method: "PUT" | "POST",
    account: string,
    container: string,
    update: Metadata,
  ) {
    check.checkContainerPath(account, container);
    const metadata = check.normalizeMetadata(update);
    check.checkMetadataSize(Object.fromEntries(Object.entries(metadata).filter(([, value]) => value !== "")));
    const headers = wire.metadataHeaders("container", metadata);
    const call = { method, path: this.path(account, container), headers };
    await this.done(this.client.expect(call, { kind: "container", container }));
  }

  /** Reads the (empty or tiny) body of a successful answer, which frees its connection for reuse. */
  private async done(response: SwiftResponse | Promise<SwiftResponse>): Promise<SwiftResponse> {
    const settled = await response;
    await readBody(settled.body, SMALL_BODY);
    return settled;
  }

  private path(account: string, container: string, name?: string): string {
    const base = `${this.basePath}/${wire.encodeSegment(this.prefix + account)}/${wire.encodeSegment(container)}`;
    return name === undefined ? base : `${base}/${wire.encodeObjectName(name)}`;
  }
}
