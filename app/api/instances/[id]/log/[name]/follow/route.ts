// POST …/log/{name}/follow {follower, from?, enable?, leave?} — one poll of Follow: live lines, publishes only when due
import { followHandler } from "@/lib/server/http/handlers/follow-handler";

export const POST = followHandler("project");
