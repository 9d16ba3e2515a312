// A TEST FIXTURE THAT WRITES WHAT A REAL TROVE GUEST AGENT WRITES INTO SWIFT — not our publisher.
// Trove 18's guest agent publishes a log with the caller's token into the caller's account: container
// `database_logs` (made if missing), objects `<instance>/<datastore>-<log>/log-<UTC time>` holding
// whole lines each ending in "\n" (the file read as text, split as Python's splitlines does), at
// most `guest_log_limit` characters, with `X-Delete-After` and `X-Object-Meta-Lines` only, and the
// metafile `<instance>/<datastore>-<log>_metafile` (JSON: log_name, log_type, log_file, log_size in
// characters, log_header_digest). The shapes are those recorded from a real guest
// (lib/server/trove/testing/real-trove/swift-*); plain fetch, no code of ours in the way.
import { createHash } from "node:crypto";

export interface GuestLogTarget {
  /** The account URL from the catalog (`…/v1/AUTH_<project>`) and the publishing user's token. */
  accountUrl: string;
  token: string;
  instanceId: string;
  datastore: string;
  log: string;
  logType: "SYS" | "USER";
  /** The log's path on the guest (the metafile names it). */
  logFile: string;
  container?: string;
  /** guest_log_limit (characters per object) and guest_log_expiry (seconds). */
  limit?: number;
  expiry?: number;
}

/** Python's `str(datetime)` with "T": microseconds only when there are any ("…T20:40:25" otherwise). */
export function guestTimestamp(epochMicros: bigint): string {
  const date = new Date(Number(epochMicros / 1000n));
  const micros = Number(epochMicros % 1_000_000n);
  const base = date.toISOString().slice(0, 19);
  return micros === 0 ? base : `${base}.${String(micros).padStart(6, "0")}`;
}

/** Python's str.splitlines() line boundaries (the file is read in text mode: "\r\n" is one). */
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;

export class GuestAgentPublisher {
  /** Published characters (the guest counts `len(component)`), and the objects written so far. */
  published = 0;
  readonly objects: string[] = [];
  private lastMicros = 0n;

  constructor(
    private readonly target: GuestLogTarget,
    /** The guest's clock in µs since the epoch; by default the real one (strictly increasing). */
    private readonly clock: () => bigint = () =>
      BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000)),
  ) {}

  get prefix() {
    return `${this.target.instanceId}/${this.target.datastore}-${this.target.log}/`;
  }
  get metafile() {
    return `${this.prefix.replace(/\/$/, "")}_metafile`;
  }
  get container() {
    return this.target.container ?? "database_logs";
  }

  private async put(path: string, body: Buffer, headers: Record<string, string>) {
    const response = await fetch(`${this.target.accountUrl}/${path}`, {
      method: "PUT",
      headers: { "X-Auth-Token": this.target.token, ...headers },
      body: new Uint8Array(body), // no Content-Type: Swift stores application/octet-stream, as for the guest
    });
    if (!response.ok) throw new Error(`PUT ${path}: ${response.status} ${await response.text()}`);
  }

  private expiryHeader() {
    return { "X-Delete-After": String(this.target.expiry ?? 2_592_000) };
  }

  private async putMetafile(headerDigest: string) {
    // Trove's JsonCodec is Python's json.dumps: ", " and ": " between items.
    const fields: Array<[string, string | number]> = [
      ["log_name", this.target.log],
      ["log_type", this.target.logType],
      ["log_file", this.target.logFile],
      ["log_size", this.published],
      ["log_header_digest", headerDigest],
    ];
    const json = `{${fields.map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(", ")}}`;
    await this.put(`${this.container}/${this.metafile}`, Buffer.from(json), this.expiryHeader());
  }

  private nextName() {
    let now = this.clock();
    if (now <= this.lastMicros) now = this.lastMicros + 1n;
    this.lastMicros = now;
    return `${this.prefix}log-${guestTimestamp(now)}`;
  }

  /**
   * Publishes `fileText` (the whole file as text) from where the last publish ended, as the guest
   * does; answers the bytes it uploaded, in order.
   */
  async publish(fileText: string): Promise<Buffer> {
    const limit = this.target.limit ?? 1_000_000;
    await this.put(this.container, Buffer.alloc(0), this.expiryHeader());
    const digest = createHash("md5")
      .update(fileText.split(LINE_BREAK)[0] ?? "")
      .digest("hex");
    await this.putMetafile(digest);
    const uploaded: Buffer[] = [];
    let component = "";
    let lines = 0;
    const write = async () => {
      const body = Buffer.from(component, "utf8");
      const name = this.nextName();
      await this.put(`${this.container}/${name}`, body, {
        ...this.expiryHeader(),
        "X-Object-Meta-Lines": String(lines),
      });
      this.objects.push(name);
      uploaded.push(body);
      this.published += component.length;
      component = "";
      lines = 0;
    };
    // The guest seeks its text-mode file to `published`, which Python takes as a byte offset although
    // it counted characters: after non-ASCII text a publish starts early and repeats what was sent.
    const file = Buffer.from(fileText, "utf8");
    if (this.published < file.length && (file[this.published]! & 0xc0) === 0x80) {
      throw new Error("the guest would fail to decode here (UnicodeDecodeError): choose other test text");
    }
    const pieces = file.subarray(this.published).toString("utf8").split(LINE_BREAK);
    if (pieces.at(-1) === "") pieces.pop(); // splitlines() yields no empty line after a final break
    for (const line of pieces) {
      if (component.length + line.length > limit && component) await write();
      component += `${line}\n`;
      lines += 1;
    }
    if (lines > 0) await write();
    await this.putMetafile(digest);
    return Buffer.concat(uploaded);
  }
}
