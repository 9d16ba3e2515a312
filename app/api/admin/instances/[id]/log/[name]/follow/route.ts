// POST …/log/{name}/follow {follower, from?, enable?, leave?} — one poll of Follow (administrators only)
import { followHandler } from "@/lib/server/http/handlers/follow-handler";

export const POST = followHandler("admin");
