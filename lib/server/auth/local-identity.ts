import "server-only";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { z } from "zod";
import type { HashLimiter } from "./hash-limiter";
import { hashPassword } from "./password-hash";
import { readIfExists, writePrivateFile } from "./private-file";

export interface LocalUser {
  id: string;
  name: string;
  roles: string[];
  /** Project ids the user belongs to; the first is the default scope. */
  projectIds: string[];
}

const identityFileSchema = z.object({ users: z.record(z.string(), z.object({ password_hash: z.string() })) });

export interface IdentityOptions {
  dataDir: string;
  /** Every project that owns an instance: the admin belongs to all of them besides `admin`. */
  projectIds: string[];
  passwords: { admin?: string; demo?: string };
  /** Where generated passwords are announced (once, when generated). */
  announce(message: string): void;
  /** Runs sign-in password checks, a bounded number at once, off the thread pool that file reads need. */
  hashLimiter: HashLimiter;
}

/** The embedded mode's two users; passwords from the environment or generated once, stored hashed. */
export class LocalIdentity {
  private constructor(
    private readonly users: LocalUser[],
    private readonly hashes: Map<string, string>,
    private readonly limiter: HashLimiter,
  ) {}

  static async open(options: IdentityOptions): Promise<LocalIdentity> {
    const users: LocalUser[] = [
      {
        id: "admin",
        name: "admin",
        roles: ["admin", "member"],
        projectIds: ["admin", ...options.projectIds.filter((id) => id !== "admin")],
      },
      { id: "demo", name: "demo", roles: ["member"], projectIds: ["demo"] },
    ];
    const path = join(options.dataDir, "identity.json");
    const existing = readIfExists(path);
    const stored = existing ? identityFileSchema.parse(JSON.parse(existing)).users : {};
    const hashes = new Map<string, string>();
    const generated: string[] = [];
    for (const user of users) {
      const fromEnv = options.passwords[user.name as "admin" | "demo"];
      if (fromEnv) hashes.set(user.name, await hashPassword(fromEnv));
      else if (stored[user.name]) hashes.set(user.name, stored[user.name]!.password_hash);
      else {
        const password = randomBytes(12).toString("base64url");
        hashes.set(user.name, await hashPassword(password));
        generated.push(`  ${user.name.padEnd(6)} ${password}`);
      }
    }
    if (generated.length > 0) {
      const record = Object.fromEntries([...hashes].map(([name, hash]) => [name, { password_hash: hash }]));
      writePrivateFile(path, JSON.stringify({ users: { ...stored, ...record } }, null, 2));
      options.announce(
        `Generated login passwords (shown once; stored hashed in ${path}; delete it to generate new ones):\n${generated.join("\n")}`,
      );
    }
    return new LocalIdentity(users, hashes, options.hashLimiter);
  }

  async authenticate(username: string, password: string): Promise<LocalUser | undefined> {
    const user = this.users.find((candidate) => candidate.name === username);
    const hash = this.hashes.get(username);
    // Verify even for unknown users so response time does not reveal which names exist.
    const valid = await this.limiter.verify(
      password,
      hash ?? "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    );
    return user && hash && valid ? user : undefined;
  }

  user(id: string): LocalUser | undefined {
    return this.users.find((candidate) => candidate.id === id);
  }
}
