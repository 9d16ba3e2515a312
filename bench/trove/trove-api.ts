import { sleep } from "../lib/stats";
import type { DemoAccount } from "../openstack/swift-service";

/** The real Trove's log API (POST /v1.0/<project>/instances/<id>/log) with the demo user's token. */

/** The fields of Trove's log object the benchmark reads. */
export interface TroveLog {
  name: string;
  status: string;
  published: number;
  pending: number;
  container: string;
  prefix: string;
  metafile: string;
}

export interface TroveAnswer {
  status: number;
  seconds: number;
  log?: TroveLog;
  /** The error's message when Trove did not answer 2xx (its first 300 characters). */
  error?: string;
}

/** Trove's error body ({"badRequest": {"code", "message"}}) as "badRequest: <message>". */
function troveError(text: string): string {
  try {
    const [fault, body] = Object.entries(JSON.parse(text) as Record<string, { message?: string }>)[0]!;
    return `${fault}: ${String(body?.message).replace("An error occurred communicating with the guest: ", "")}`.slice(
      0,
      300,
    );
  } catch {
    return text.slice(0, 300);
  }
}

export type TroveAction = "enable" | "disable" | "publish" | "discard" | "show";

export class TroveApi {
  constructor(
    private readonly url: string,
    private readonly projectId: string,
    readonly instanceId: string,
    private readonly token: string,
  ) {}

  /** One log action ("show": no action, Trove's log show); never throws for a non-2xx answer. */
  async action(action: TroveAction, name = "general"): Promise<TroveAnswer> {
    const started = Date.now();
    const response = await fetch(`${this.url}/v1.0/${this.projectId}/instances/${this.instanceId}/log`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-auth-token": this.token },
      body: JSON.stringify({ name, ...(action !== "show" && { [action]: 1 }) }),
      signal: AbortSignal.timeout(600_000),
    });
    const text = await response.text();
    const seconds = (Date.now() - started) / 1000;
    if (!response.ok) return { status: response.status, seconds, error: troveError(text) };
    return { status: response.status, seconds, log: (JSON.parse(text) as { log: TroveLog }).log };
  }

  /** The action, or an error naming it unless Trove answered 2xx. */
  async expect(action: TroveAction): Promise<TroveLog> {
    const answer = await this.action(action);
    if (!answer.log) throw new Error(`Trove ${action}: HTTP ${answer.status} ${answer.error}`);
    return answer.log;
  }
}

/**
 * Seconds from `startedMs` (epoch ms) until Trove's guest agent finished a publish: it writes the
 * log's metafile before the upload (the size published so far, 0 after a discard) and again after
 * it (the new size). Swift's X-Timestamp of that second write is when the guest was done — also when
 * the API gave up waiting on the agent first (GuestTimeout after agent_call_high_timeout).
 */
export async function guestPublishDone(
  account: DemoAccount,
  metafile: string,
  startedMs: number,
  timeoutMs = 900_000,
): Promise<number> {
  const url = `${account.storageUrl}/database_logs/${metafile}`;
  for (;;) {
    const response = await fetch(url, { headers: { "x-auth-token": account.token } });
    const text = await response.text();
    if (response.ok && (JSON.parse(text) as { log_size?: number }).log_size! > 0) {
      return Number(response.headers.get("x-timestamp")) - startedMs / 1000;
    }
    if (Date.now() - startedMs > timeoutMs)
      throw new Error(`Trove's guest did not finish within ${timeoutMs} ms`);
    await sleep(250);
  }
}
