import "server-only";

import { createHash, randomBytes } from "node:crypto";
import type { Readable } from "node:stream";

import { it } from "vitest";

import { listAllObjects } from "../list-all";
import { isObjectStoreError, type ObjectStore } from "../object-store";

/** How a contract run gets a store. `expire` makes the store forget expired objects in listings. */
export interface ObjectStoreHarness {
  create(): Promise<{ store: ObjectStore; account: string; cleanup(): Promise<void> }>;
  expire?: () => Promise<void>;
}

export interface ContractContext {
  store: ObjectStore;
  account: string;
  /** A fresh container, created for this test. */
  container: string;
  /** Creates another fresh container, removed after the test like the first. */
  newContainer(): Promise<string>;
  /** A unique container name that is not created. */
  unusedName(): string;
  harness: ObjectStoreHarness;
}

export const uniqueName = (label: string) => `contract-${label}-${randomBytes(6).toString("hex")}`;

/**
 * Registers a test that gets a store and a fresh container. Afterwards the containers it made are
 * emptied and deleted (best effort), then the harness cleans up.
 */
export function contractIt(
  harness: ObjectStoreHarness,
  title: string,
  body: (context: ContractContext) => Promise<void>,
  timeout?: number,
): void {
  it(
    title,
    async () => {
      const { store, account, cleanup } = await harness.create();
      const created: string[] = [];
      const newContainer = async () => {
        const name = uniqueName("c");
        await store.putContainer(account, name);
        created.push(name);
        return name;
      };
      try {
        const container = await newContainer();
        await body({
          store,
          account,
          container,
          newContainer,
          unusedName: () => uniqueName("none"),
          harness,
        });
      } finally {
        for (const container of created) await removeContainer(store, account, container).catch(() => {});
        await cleanup();
      }
    },
    timeout,
  );
}

async function removeContainer(store: ObjectStore, account: string, container: string): Promise<void> {
  const names: string[] = [];
  for await (const entry of listAllObjects(store, account, container)) {
    if (entry.kind === "object") names.push(entry.name);
  }
  await inBatches(names, 32, (name) => store.deleteObject(account, container, name).catch(() => {}));
  await store.deleteContainer(account, container);
}

/** Runs `task` over `items` with at most `width` in flight. */
export async function inBatches<T>(
  items: T[],
  width: number,
  task: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

export async function readAll(body: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of body) parts.push(Buffer.from(part as Uint8Array));
  return Buffer.concat(parts);
}

export const md5 = (data: Uint8Array | string) => createHash("md5").update(data).digest("hex");

/** Resolves to the ObjectStoreError status the promise rejects with (fails if it resolves). */
export async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    if (isObjectStoreError(error)) return error.status;
    throw error;
  }
  throw new Error("expected the call to fail with an ObjectStoreError");
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const byUtf8 = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
