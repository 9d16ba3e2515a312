import "server-only";
import type { GuestLog } from "@/lib/schemas/log";
import type { ObjectStore } from "@/lib/server/object-store/object-store";
import { isNotFound } from "@/lib/server/object-store/object-store";
import { listAllObjects } from "@/lib/server/object-store/list-all";
import { badRequest } from "./errors";
import { fileSize, headerDigest, tailDigest } from "./log-file";
import type { LogState } from "./datastore/datastore-control";
import type { LogDefinition } from "./log-definitions";
import { computePending, computeStatus } from "./log-status";
import { writeMetafile, type Location } from "./metafile";
import { ObjectNamer, logPrefix, metafileName } from "./object-names";
import { loadPublishedState, NOTHING_PUBLISHED, type PublishedState } from "./published-state";
import { uploadNewBytes } from "./upload-new-bytes";
import { chooseFormat } from "@/lib/log-format";
import {
  readTimeIndex,
  timeIndexName,
  toIndexEntry,
  writeTimeIndex,
} from "@/lib/server/log-index/index-object";
import { summarizeObject } from "@/lib/server/log-index/object-summary";

export interface GuestLogDeps {
  store: ObjectStore;
  containerName: string;
  limit: number;
  expiry: number;
  nowMillis: () => number;
  /**
   * Other processes (replicas) publish into the same store: what was published is re-read when the
   * metafile changed (its etag), not kept from this process's last look.
   */
  sharedStore?: boolean;
}

export interface PublishProgress {
  done: number;
  total: number;
}

/** One log of one instance: Trove's GuestLog, with byte-exact publishing. Callers serialize publish/discard. */
export class GuestLogFile {
  readonly prefix: string;
  readonly metafile: string;
  /** The per-log time index beside the metafile (see log-index/index-object.ts). */
  readonly timeIndex: string;
  private readonly namer: ObjectNamer;
  private state?: Promise<PublishedState>;
  /** The metafile's etag when `state` was read (sharedStore only). */
  private stateTag?: string;
  private progress?: PublishProgress;
  private currentFile: string;

  constructor(
    readonly instanceId: string,
    readonly account: string,
    readonly datastore: string,
    readonly definition: LogDefinition,
    /** Where the log goes when it is switched on (the configured file). */
    readonly target: string,
    private readonly deps: GuestLogDeps,
  ) {
    this.prefix = logPrefix(instanceId, datastore, definition.name);
    this.metafile = metafileName(this.prefix);
    this.timeIndex = timeIndexName(this.prefix);
    this.namer = new ObjectNamer(this.prefix, deps.nowMillis);
    this.currentFile = target;
  }

  /** The file the log is read from: the target, unless the datastore says it writes elsewhere. */
  get file(): string {
    return this.currentFile;
  }

  /** The datastore writes this log into another file now (set outside Trove Logs, or its own error log). */
  relocate(file: string): void {
    this.currentFile = file;
  }

  get name(): string {
    return this.definition.name;
  }

  get location(): Location {
    return { store: this.deps.store, account: this.account, container: this.deps.containerName };
  }

  get publishProgress(): PublishProgress | undefined {
    return this.progress;
  }

  async published(): Promise<PublishedState> {
    if (this.deps.sharedStore) {
      const tag = await this.metafileTag();
      if (tag !== this.stateTag) this.state = undefined;
      this.stateTag = tag;
    }
    this.state ??= loadPublishedState(this.location, this.prefix, this.metafile).catch((error: unknown) => {
      this.state = undefined;
      throw error;
    });
    return this.state;
  }

  /** Every publish and discard rewrites or deletes the metafile: its etag tells another replica's change. */
  private async metafileTag(): Promise<string> {
    const { store, account, container } = this.location;
    try {
      const info = await store.headObject(account, container, this.metafile);
      return `${info.etag}:${info.lastModified}`;
    } catch (error) {
      if (isNotFound(error)) return "absent";
      throw error;
    }
  }

  private async isRotated(state: PublishedState, size: number | undefined): Promise<boolean> {
    if (state.size === 0) return false;
    if (size === undefined || size < state.size) return true;
    if (state.headerDigest && (await headerDigest(this.file, state.size)) !== state.headerDigest) return true;
    return state.tailDigest !== undefined && (await tailDigest(this.file, state.size)) !== state.tailDigest;
  }

  /** Trove's log object; `switched` is how the datastore has a USER log (undefined: it cannot tell now). */
  async show(switched: LogState | undefined): Promise<GuestLog> {
    const [state, size] = await Promise.all([this.published(), fileSize(this.file)]);
    const rotated = await this.isRotated(state, size);
    const sys = this.definition.type === "SYS";
    const { enabled, restartPending } = sys ? { enabled: true, restartPending: false } : (switched ?? {});
    const inputs = { size: size ?? 0, published: state.size, rotated };
    const isPublished = state.size > 0;
    return {
      name: this.name,
      type: this.definition.type,
      status: computeStatus({
        ...inputs,
        type: this.definition.type,
        enabled: enabled ?? false,
        restartPending: restartPending ?? false,
        unavailable: !sys && switched === undefined,
      }),
      published: state.size,
      pending: computePending(inputs),
      container: isPublished ? this.deps.containerName : "None",
      prefix: isPublished ? this.prefix : "None",
      metafile: this.metafile,
    };
  }

  /** Deletes every object under the prefix (oldest first, all listing pages), then the metafile. */
  async discard(): Promise<void> {
    const { store, account, container } = this.location;
    try {
      for await (const entry of listAllObjects(store, account, container, { prefix: this.prefix })) {
        if (entry.kind === "object") await this.deleteIgnoringMissing(entry.name);
      }
    } catch (error) {
      if (!isNotFound(error)) throw error;
    } finally {
      this.state = undefined;
    }
    await this.deleteIgnoringMissing(this.metafile);
    await this.deleteIgnoringMissing(this.timeIndex);
    this.state = Promise.resolve(NOTHING_PUBLISHED);
  }

  private async deleteIgnoringMissing(name: string): Promise<void> {
    const { store, account, container } = this.location;
    try {
      await store.deleteObject(account, container, name);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  /** Sends what the file holds now and was not sent before; a rotated file replaces the published copy. */
  async publish(onProgress?: (progress: PublishProgress) => void): Promise<void> {
    const size = await fileSize(this.file);
    if (size === undefined) throw await this.missingFile();
    this.state = undefined; // re-read: another process may have published meanwhile
    let state = await this.published();
    if (await this.isRotated(state, size)) {
      await this.discard();
      state = NOTHING_PUBLISHED;
    }
    if (state.size === 0 && state.metafileStale) {
      await this.deleteIgnoringMissing(this.metafile); // describes objects that are gone (expired)
      state = NOTHING_PUBLISHED;
    }
    // An interrupted publish stored these after a gap; the copy continues from before them.
    for (const stray of state.strays ?? []) await this.deleteIgnoringMissing(stray);
    if (size === state.size && !state.metafileStale) return;
    const { store, account, container } = this.location;
    await store.putContainer(account, container);
    const current: PublishedState = { ...state, strays: undefined };
    this.state = Promise.resolve(current);
    this.namer.observe(state.lastObject);
    const start = state.size;
    this.progress = { done: 0, total: size - start };
    // Entries of objects that are still the copy's (an interrupted publish's strays are not).
    const indexed = start === 0 ? [] : await this.indexedObjects(state.lastObject);
    const indexedBefore = indexed.length;
    const format = chooseFormat(this.datastore, this.name);
    let objectStart = start;
    try {
      await uploadNewBytes({
        at: this.location,
        namer: this.namer,
        file: this.file,
        from: start,
        to: size,
        limit: this.deps.limit,
        expiry: this.deps.expiry,
        summarize: (body) => summarizeObject(format, body),
        onObject: (end, name, summary) => {
          if (summary) indexed.push(toIndexEntry(name, end - objectStart, summary));
          objectStart = end;
          current.size = end;
          current.lastObject = name;
          current.metafileStale = true;
          this.progress = { done: end - start, total: size - start };
          onProgress?.(this.progress);
        },
      });
    } finally {
      this.progress = undefined;
      if (current.metafileStale) await this.saveMetafile(current).catch(() => undefined);
      if (indexed.length > indexedBefore) await this.saveTimeIndex(indexed).catch(() => undefined);
    }
  }

  private async indexedObjects(lastObject: string | undefined) {
    const entries = await readTimeIndex(this.location, this.timeIndex).catch(() => []);
    return lastObject === undefined ? [] : entries.filter((entry) => entry.name <= lastObject);
  }

  /** Best effort, after the metafile: readers check each entry against the listing and fall back per object. */
  private async saveTimeIndex(entries: ReturnType<typeof toIndexEntry>[]): Promise<void> {
    await writeTimeIndex(this.location, this.timeIndex, entries, this.deps.expiry);
  }

  /**
   * Trove says "Cannot publish log file '<path>' as it does not exist": the path is the server's
   * business; what the person needs is whether the log was ever written.
   */
  private async missingFile() {
    const detail = `log file ${this.file} does not exist`;
    if ((await this.published()).size === 0) {
      return badRequest(
        `Nothing has been written to this log ('${this.name}') yet, so there is nothing to publish.`,
        detail,
      );
    }
    return badRequest(
      `The file of log '${this.name}' is gone (rotated away or removed): there is nothing new to publish, ` +
        "and the published copy stays as it is.",
      detail,
    );
  }

  /** Digests come from the file's bytes up to the published end, i.e. exactly what the objects hold. */
  private async saveMetafile(state: PublishedState): Promise<void> {
    state.headerDigest = await headerDigest(this.file, state.size);
    state.tailDigest = await tailDigest(this.file, state.size);
    await writeMetafile(
      this.location,
      this.metafile,
      {
        log_name: this.name,
        log_type: this.definition.type,
        log_file: this.file,
        log_size: state.size,
        log_header_digest: state.headerDigest,
        log_tail_digest: state.tailDigest,
        log_last_object: state.lastObject,
      },
      this.deps.expiry,
    );
    state.metafileStale = false;
  }
}
