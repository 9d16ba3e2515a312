import type { Env } from "../lib/run-command";
import type { AppClient } from "./app-server";
import type { Figures } from "./figures";
import type { SourceLog } from "./source-log";
import type { DemoAccount } from "./swift-service";

/** What the measured phases share: the running app, the peers' tools and where the figures go. */
export interface PhaseContext {
  /** Rounds of ours; the peers run one round more, so that they come first and last. */
  rounds: number;
  app: AppClient;
  /** The signed-in demo user's Cookie header. */
  cookie: string;
  instanceId: string;
  /** The instance's log API, /api/instances/<id>/log. */
  logPath: string;
  source: SourceLog;
  scratch: string;
  account: DemoAccount;
  /** The openstack CLI's environment: the demo user's openrc. */
  openstackEnv: Env;
  /** The processes whose CPU each run records: app (next-server), swift (proxy), object (object server). */
  pids: () => Record<string, number | undefined>;
  figures: Figures;
}

/** POST …/log {name: "general", <action>: 1}: enables, publishes or discards the instance's general log. */
export const logAction = (
  ctx: Pick<PhaseContext, "app" | "cookie" | "logPath">,
  action: "enable" | "publish" | "discard",
) =>
  ctx.app.expectOk(action, "POST", ctx.logPath, {
    cookie: ctx.cookie,
    json: { name: "general", [action]: 1 },
  });
