import { run } from "../lib/run-command";
import { median, now, say } from "../lib/stats";
import type { KeystoneEnv } from "./keystone";
import type { PhaseContext } from "./phase-context";
import { proxyLogSize, swiftLogSince } from "./swift-service";

export const TAIL_LINES = 50;

/** Calls of troveclient's log_generator per library round, after two untimed ones. */
const LIB_CALLS = 10;

/**
 * troveclient's own tail, warm: one client and one Swift connection (its token too) for all calls, so
 * that it is timed without the CLI's process start and authentication. Prints {ms: [...], tail}.
 */
const LIB_SCRIPT = `
import json, sys, time
from keystoneauth1 import session
from keystoneauth1.identity import generic
from troveclient.v1 import client
auth = generic.Password(auth_url=sys.argv[1], username="demo", password=sys.argv[2], project_name="demo",
                        user_domain_name="Default", project_domain_name="Default")
trove = client.Client(auth=auth, session=session.Session(auth=auth), region_name="RegionOne")
swift = trove.instances._get_swift_client()  # one connection, reused (its token too)
warm, calls, times, out = 2, int(sys.argv[4]), [], ""
for i in range(warm + calls):
    started = time.perf_counter()
    out = "".join(trove.instances.log_generator(sys.argv[3], "general", lines=50, swift=swift)())
    if i >= warm: times.append((time.perf_counter() - started) * 1000)
print(json.dumps({"ms": times, "tail": out}))
`;

/** One timed GET …/tail?lines=50 of ours (ms); marks the figures when its body is not the source's tail. */
export async function oursTail(ctx: PhaseContext): Promise<number> {
  const startedAt = now();
  const answer = await ctx.app.expectOk("tail", "GET", `${ctx.logPath}/general/tail?lines=${TAIL_LINES}`, {
    cookie: ctx.cookie,
  });
  const ms = now() - startedAt;
  if (!answer.body.equals(ctx.source.tail)) ctx.figures.tail.correct = false;
  return ms;
}

/** Untimed tails first: the session, the route and the connections are warm for the timed ones. */
export async function warmTail(ctx: PhaseContext) {
  for (let i = 0; i < 3; i += 1) await oursTail(ctx);
}

/**
 * 2. Tail 50: `openstack database log tail` and the warm library first and last, ours in between;
 * Swift's requests and bytes per peer tail from Swift's proxy log.
 */
export async function tailPhase(
  ctx: PhaseContext,
  keystone: KeystoneEnv,
  runs: { tail: number; cli: number },
) {
  const tail = ctx.figures.tail;
  say("2. tail --lines 50");
  await warmTail(ctx);
  const cliPerRound = Math.ceil(runs.cli / (ctx.rounds + 1));
  const oursPerRound = Math.ceil(runs.tail / ctx.rounds);
  const cliSwift = { requests: 0, bytesSent: 0, runs: 0 };
  const libSwift = { requests: 0, bytesSent: 0, calls: 0 };
  for (let round = 0; round <= ctx.rounds; round += 1) {
    for (let i = 0; i < cliPerRound; i += 1) {
      const before = proxyLogSize();
      const ran = await run(
        "/usr/bin/openstack",
        ["database", "log", "tail", ctx.instanceId, "general", "--lines", String(TAIL_LINES)],
        { env: ctx.openstackEnv },
      );
      const swift = swiftLogSince(before);
      cliSwift.requests += swift.requests;
      cliSwift.bytesSent += swift.bytesSent;
      cliSwift.runs += 1;
      if (ran.stdout.trim() !== ctx.source.tail.toString("utf8").trim()) {
        say(`  (the CLI's tail differs from the source's last ${TAIL_LINES} lines)`);
      }
      tail.cliS.push(ran.seconds);
    }
    const before = proxyLogSize();
    const lib = await run(
      "/usr/bin/python3",
      [
        "-c",
        LIB_SCRIPT,
        keystone.KEYSTONE_URL!,
        keystone.KEYSTONE_DEMO_PASSWORD!,
        ctx.instanceId,
        String(LIB_CALLS),
      ],
      { env: ctx.openstackEnv },
    );
    const swift = swiftLogSince(before);
    libSwift.requests += swift.requests;
    libSwift.bytesSent += swift.bytesSent;
    libSwift.calls += LIB_CALLS + 2;
    tail.libMs.push(...(JSON.parse(lib.stdout) as { ms: number[] }).ms);
    if (round < ctx.rounds) for (let i = 0; i < oursPerRound; i += 1) tail.oursMs.push(await oursTail(ctx));
    say(
      `  round ${round + 1}: CLI ${tail.cliS
        .slice(-cliPerRound)
        .map((s) => s.toFixed(2))
        .join(", ")} s; warm library median ${median(tail.libMs.slice(-LIB_CALLS)).toFixed(1)} ms` +
        (round < ctx.rounds ? `; ours median ${median(tail.oursMs.slice(-oursPerRound)).toFixed(2)} ms` : ""),
    );
  }
  tail.cliSwift = {
    requests: cliSwift.requests / cliSwift.runs,
    bytesSent: cliSwift.bytesSent / cliSwift.runs,
  };
  tail.libSwift = {
    requests: libSwift.requests / libSwift.calls,
    bytesSent: libSwift.bytesSent / libSwift.calls,
  };
}
