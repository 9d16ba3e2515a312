import "server-only";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { readIfExists, writePrivateFile } from "./private-file";

/** The cookie sealing key: from the environment, else generated once into the data directory. */
export function loadSessionSecret(dataDir: string, fromEnv: string | undefined): string {
  if (fromEnv) return fromEnv;
  const path = join(dataDir, "session-secret");
  const existing = readIfExists(path)?.trim();
  if (existing && existing.length >= 32) return existing;
  const secret = randomBytes(32).toString("base64url");
  writePrivateFile(path, secret);
  return secret;
}
