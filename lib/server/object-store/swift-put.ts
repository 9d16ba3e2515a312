import "server-only";

import { createHash } from "node:crypto";
import type { OutgoingHttpHeaders } from "node:http";

import {
  ObjectExistsError,
  ObjectStoreError,
  type ObjectBody,
  type ObjectInfo,
  type PutOptions,
} from "./object-store";
import { readBody } from "./swift-body";
import { failure, type SwiftClient } from "./swift-client";
import * as wire from "./swift-headers";
import type { HttpBody } from "./swift-http";
import * as check from "./validation";

const DEFAULT_CONTENT_TYPE = "application/octet-stream";

/** The body as sent, with its md5 and size (computed on the way for a stream, unless given). */
function prepareBody(body: ObjectBody, given: string | undefined) {
  if (typeof body === "string" || body instanceof Uint8Array) {
    const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
    const sum = given ?? createHash("md5").update(bytes).digest("hex");
    return { payload: bytes as HttpBody, known: sum, size: () => bytes.byteLength, etag: () => sum };
  }
  const hash = createHash("md5");
  let size = 0;
  const onChunk = (chunk: Uint8Array) => {
    hash.update(chunk);
    size += chunk.byteLength;
  };
  return { payload: body as HttpBody, onChunk, size: () => size, etag: () => hash.digest("hex") };
}

/**
 * Swift PUT object: bytes go with Content-Length and an ETag Swift verifies (422 on a mismatch); a stream
 * goes chunked after `100 Continue`, md5 computed on the way and compared with Swift's etag.
 */
export async function putSwiftObject(
  client: SwiftClient,
  path: string,
  { container, name }: { container: string; name: string },
  body: ObjectBody,
  options: PutOptions,
): Promise<ObjectInfo> {
  const metadata = check.mergeMetadata({}, check.normalizeMetadata(options.metadata));
  const contentType = check.checkContentType(options.contentType) ?? DEFAULT_CONTENT_TYPE;
  check.checkDeleteAfter(options.deleteAfter);
  // Swift refuses X-Delete-After: 0 ("in past"); the local store takes it as "expires now". One second is
  // the closest Swift allows.
  const deleteAfter = options.deleteAfter === undefined ? undefined : Math.max(1, options.deleteAfter);
  const headers: OutgoingHttpHeaders = {
    "content-type": contentType,
    ...wire.metadataHeaders("object", metadata),
  };
  if (deleteAfter !== undefined) headers["x-delete-after"] = String(deleteAfter);
  // Swift treats an expired object as gone here even before its expirer removed it (seen on Swift 2.30).
  if (options.ifNoneMatch === "*") headers["if-none-match"] = "*";
  const prepared = prepareBody(body, options.etag);
  const expectedEtag = prepared.known ?? options.etag; // Swift checks it and answers 422 when it differs
  if (expectedEtag) headers.etag = expectedEtag;

  const { payload, onChunk } = prepared;
  const onContinue = options.onOrdered;
  const response = await client.call({ method: "PUT", path, headers, body: payload, onChunk, onContinue });
  if (response.status === 404) throw await failure(response, { kind: "container", container });
  if (response.status === 412 && options.ifNoneMatch === "*") {
    await readBody(response.body, 8 * 1024).catch(() => undefined); // frees the connection
    throw new ObjectExistsError(container, name);
  }
  if (response.status < 200 || response.status >= 300) {
    throw await failure(response, { kind: "object", container, name });
  }
  await readBody(response.body, 1024 * 1024);
  const sent = prepared.etag();
  const stored = wire.unquote(response.headers.etag as string | undefined);
  // 202: a newer version of the name won a race (Swift keeps the latest); nothing to compare with.
  if (response.status === 201 && stored && stored !== sent) {
    throw new ObjectStoreError(
      502,
      `Swift stored ${container}/${name} with etag ${stored}, but ${sent} was sent`,
    );
  }
  return {
    ...{ name, bytes: prepared.size(), etag: sent, contentType, metadata },
    lastModified: wire.httpDateToListing(response.headers["last-modified"]),
    ...(deleteAfter !== undefined && { deleteAt: Math.floor(Date.now() / 1000) + deleteAfter }),
  };
}
