import "server-only";

/** What a failed Trove call said, read for a person. */
export interface TroveFault {
  /** One line a person can read (never a traceback); empty when Trove's body said nothing usable. */
  line: string;
  /** Trove's whole message when it says more than `line` (the guest's remote traceback): for admins. */
  full?: string;
  /**
   * Trove could not get an answer from the instance's guest agent: its RPC timed out (RabbitMQ or
   * the agent is down) or the message bus is unreachable. Trove answers that as a 400 (its GuestError
   * and GuestTimeout are unmapped) or, from a proxy or a failing worker, a 5xx saying "timeout".
   */
  guestUnreachable: boolean;
}

/** Trove's GuestError wraps every error the guest agent raised (trove/guestagent/api.py). */
const GUEST_PREFIX = /^An error occurred communicating with the guest:\s*/;
const TRACEBACK = "Traceback (most recent call last):";
/** The traceback's last line names the remote exception: `trove.common.exception.NotFound: <message>`. */
const EXCEPTION_LINE = /^[A-Za-z_][\w.]*(?:_Remote)?: (.+)$/;
/**
 * oslo.messaging's MessagingTimeout ("Timed out waiting for a reply to message ID …"), Trove's
 * GuestTimeout ("Timeout trying to connect to the Guest Agent."), and the AMQP driver giving up.
 */
const GUEST_UNREACHABLE =
  /Timed out waiting for a reply|Timeout trying to connect to the Guest Agent|MessagingTimeout|AMQP server|MessageDeliveryFailure/i;

/**
 * The message inside any of Trove's error bodies: its faults (`{"badRequest": {"code", "message"}}`,
 * also itemNotFound, forbidden, instanceFault, notImplemented), keystonemiddleware's 401
 * (`{"error": {"code", "title", "message"}}`) and the webob 403 of its tenant check
 * (`{"message": "…<br /><br />\n…", "code": "403 Forbidden", "title": "Forbidden"}`).
 */
function messageOf(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined; // a proxy's HTML page, or nothing
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const top = parsed as Record<string, unknown>;
  if (typeof top.message === "string") return top.message;
  for (const value of Object.values(top)) {
    const message = (value as { message?: unknown } | null)?.message;
    if (typeof message === "string") return message;
  }
  return undefined;
}

/** `<br />` and other markup out, so that each line is text. */
const plainText = (text: string) => text.replace(/<br\s*\/?>/gi, "\n").replace(/<[^>]*>/g, "");

/** The line a person understands: the guest's own reason, not "An error occurred communicating…". */
function readableLine(text: string): string {
  const lines = text.split("\n").map((line) => line.trim());
  const tracebackAt = lines.indexOf(TRACEBACK);
  if (tracebackAt === -1) {
    // No traceback: every line is text (the webob 403 spreads one sentence over several).
    return lines.filter(Boolean).join(" ").replace(GUEST_PREFIX, "");
  }
  const first = lines.slice(0, tracebackAt).filter(Boolean).join(" ").replace(GUEST_PREFIX, "");
  if (first) return first;
  const raised = lines
    .slice(tracebackAt + 1)
    .reverse()
    .map((line) => EXCEPTION_LINE.exec(line)?.[1])
    .find(Boolean);
  return raised ?? "";
}

const TIMEOUT = /\btime(?:d)?[\s_-]?out\b/i;

/** Reads a failed Trove answer: its readable line, the full text for admins, and whether the guest was unreachable. */
export function readTroveFault(status: number, body: string): TroveFault {
  const message = messageOf(body);
  if (message === undefined) return { line: "", guestUnreachable: status >= 500 && TIMEOUT.test(body) };
  const text = plainText(message).replace(/\r\n?/g, "\n");
  const line = readableLine(text).replace(/\s+/g, " ").trim();
  const full = text.trim();
  return {
    line,
    ...(full !== line && { full }),
    guestUnreachable: GUEST_UNREACHABLE.test(text) || (status >= 500 && TIMEOUT.test(text)),
  };
}
