import "server-only";
import type { GuestLog } from "@/lib/schemas/log";
import type { ObjectStore } from "@/lib/server/object-store/object-store";
import { isNotFound } from "@/lib/server/object-store/object-store";
import { listAllObjects } from "@/lib/server/object-store/list-all";
import { badRequest } from "./errors";
import { fileSize, headerDigest, tailDigest } from "./log-file";
import type { LogDefinition } from "./log-definitions";
import type { LogSettings } from "./log-settings";
import { computePending, computeStatus } from "./log-status";
import { writeMetafile, type Location } from "./metafile";
import { ObjectNamer, logPrefix, metafileName } from "./object-names";
import { loadPublishedState, NOTHING_PUBLISHED, type PublishedState } from "./published-state";
import { uploadNewBytes } from "./upload-new-bytes";

export interface GuestLogDeps {
  store: ObjectStore;
  settings: LogSettings;
  containerName: string;
  limit: number;
  expiry: number;
  nowMillis: () => number;
}

export interface PublishProgress {
  done: number;
  total: number;
}

/** One log of one instance: Trove's GuestLog, with byte-exact publishing. Callers serialize publish/discard. */
export class GuestLogFile {
  readonly prefix: string;
  readonly metafile: string;
  private readonly namer: ObjectNamer;
  private state?: Promise<PublishedState>;
  private progress?: PublishProgress;

  constructor(
    readonly instanceId: string,
    readonly account: string,
    readonly datastore: string,
    readonly definition: LogDefinition,
    readonly file: string,
    private readonly deps: GuestLogDeps,
  ) {
    this.prefix = logPrefix(instanceId, datastore, definition.name);
    this.metafile = metafileName(this.prefix);
    this.namer = new ObjectNamer(this.prefix, deps.nowMillis);
  }

  get name(): string {
    return this.definition.name;
  }

  get location(): Location {
    return { store: this.deps.store, account: this.account, container: this.deps.containerName };
  }

  private get setting() {
    if (this.definition.type === "SYS") return { enabled: true, restartPending: false };
    return this.deps.settings.get(this.instanceId, this.name) ?? { enabled: false, restartPending: false };
  }

  get restartPending(): boolean {
    return this.setting.restartPending;
  }

  /** Whether the datastore writes this log now: a toggle waiting for a restart has not taken effect. */
  get isLogging(): boolean {
    const { enabled, restartPending } = this.setting;
    return enabled !== restartPending;
  }

  get publishProgress(): PublishProgress | undefined {
    return this.progress;
  }

  /** Returns false when the log already was in that state. */
  setEnabled(enabled: boolean): boolean {
    const current = this.setting;
    if (current.enabled === enabled) return false;
    // Flipping back before the restart cancels the pending change.
    const restartPending = this.definition.restartRequired ? !current.restartPending : false;
    this.deps.settings.set(this.instanceId, this.name, { enabled, restartPending });
    return true;
  }

  completeRestart(): void {
    const current = this.setting;
    if (current.restartPending)
      this.deps.settings.set(this.instanceId, this.name, { ...current, restartPending: false });
  }

  async published(): Promise<PublishedState> {
    this.state ??= loadPublishedState(this.location, this.prefix, this.metafile).catch((error: unknown) => {
      this.state = undefined;
      throw error;
    });
    return this.state;
  }

  private async isRotated(state: PublishedState, size: number | undefined): Promise<boolean> {
    if (state.size === 0) return false;
    if (size === undefined || size < state.size) return true;
    if (state.headerDigest && (await headerDigest(this.file, state.size)) !== state.headerDigest) return true;
    return state.tailDigest !== undefined && (await tailDigest(this.file, state.size)) !== state.tailDigest;
  }

  async show(): Promise<GuestLog> {
    const [state, size] = await Promise.all([this.published(), fileSize(this.file)]);
    const rotated = await this.isRotated(state, size);
    const { enabled, restartPending } = this.setting;
    const inputs = { size: size ?? 0, published: state.size, rotated };
    const isPublished = state.size > 0;
    return {
      name: this.name,
      type: this.definition.type,
      status: computeStatus({ ...inputs, type: this.definition.type, enabled, restartPending }),
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
    if (size === undefined) throw badRequest(`Cannot publish log file '${this.file}' as it does not exist.`);
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
    if (size === state.size && !state.metafileStale) return;
    const { store, account, container } = this.location;
    await store.putContainer(account, container);
    const current: PublishedState = { ...state };
    this.state = Promise.resolve(current);
    this.namer.observe(state.lastObject);
    const start = state.size;
    this.progress = { done: 0, total: size - start };
    try {
      await uploadNewBytes({
        at: this.location,
        namer: this.namer,
        file: this.file,
        from: start,
        to: size,
        limit: this.deps.limit,
        expiry: this.deps.expiry,
        onObject: (end, name) => {
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
    }
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
