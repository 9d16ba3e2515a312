import "server-only";
import { resolve } from "node:path";
import { z } from "zod";

const flag = (fallback: boolean) =>
  z
    .enum(["1", "0", "true", "false", "yes", "no", "on", "off"], { message: "must be 1 or 0" })
    .optional()
    .transform((value) => (value === undefined ? fallback : ["1", "true", "yes", "on"].includes(value)));

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);

const envSchema = z.object({
  TROVE_LOGS_DATA_DIR: z
    .preprocess(emptyAsUndefined, z.string().default("./.data"))
    .transform((dir) => resolve(dir)),
  /** JSON file with Trove's option names and the instances; unset means the built-in demo. */
  TROVE_LOGS_CONFIG: z.preprocess(emptyAsUndefined, z.string().optional()),
  TROVE_LOGS_DEMO_WRITERS: flag(true),
  TROVE_LOGS_ADMIN_PASSWORD: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  TROVE_LOGS_DEMO_PASSWORD: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  /** Seals session cookies; generated into the data directory when unset. */
  TROVE_LOGS_SESSION_SECRET: z.preprocess(
    emptyAsUndefined,
    z.string().min(32, "must be at least 32 characters").optional(),
  ),
  /**
   * memcached servers (`host:port[,host:port…]`) shared by several replicas: sessions, background
   * publish progress and publish leases live there. Unset: sessions in the data directory, the rest in
   * the process (one replica).
   */
  TROVE_LOGS_MEMCACHED: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(
        /^[A-Za-z0-9.\-\[\]:]+:\d{1,5}(,[A-Za-z0-9.\-\[\]:]+:\d{1,5})*$/,
        "must be host:port[,host:port…]",
      )
      .optional(),
  ),
  /**
   * Seconds a replica's publish lease lives without renewal (renewed every third of it while the
   * publish runs): how long a crashed replica's publish blocks another from taking over.
   */
  TROVE_LOGS_PUBLISH_LEASE_TTL: z.coerce.number().int().min(2).max(3600).default(30),
  /**
   * What keeps one publish of a log at a time among replicas: `memcached`, `object-store` (a lease
   * object in the store they share), `none` (one process per store). `auto`: memcached when
   * TROVE_LOGS_MEMCACHED is set, else the object store when it is Swift, else none.
   */
  TROVE_LOGS_PUBLISH_LEASE: z.enum(["auto", "memcached", "object-store", "none"]).default("auto"),
  /** Names this replica in an X-Served-By response header (unset: no header). */
  TROVE_LOGS_REPLICA_NAME: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, "must be 1-64 letters, digits, dots, dashes or underscores")
      .optional(),
  ),
  /** Session lifetime in seconds. */
  TROVE_LOGS_SESSION_TTL: z.coerce.number().int().min(60).max(604_800).default(43_200),
  /** `auto` marks cookies Secure when the request came over https. */
  TROVE_LOGS_COOKIE_SECURE: z.enum(["auto", "true", "false"]).default("auto"),
  /** Where published logs go: the embedded local store, or OpenStack Swift. */
  TROVE_LOGS_OBJECT_STORE: z.enum(["local", "swift"]).default("local"),
  /** Swift proxy's storage base, e.g. http://127.0.0.1:8080/v1; an account is `<base>/<prefix><project>`. */
  TROVE_LOGS_SWIFT_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  TROVE_LOGS_SWIFT_RESELLER_PREFIX: z.string().default("AUTH_"),
  /** Swift tempauth (v1): auth URL, user (`account:user`) and key; a reseller admin may write any account. */
  TROVE_LOGS_SWIFT_AUTH_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  TROVE_LOGS_SWIFT_USER: z.preprocess(emptyAsUndefined, z.string().optional()),
  TROVE_LOGS_SWIFT_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
  /** Seconds before a Swift request without progress is abandoned. */
  TROVE_LOGS_SWIFT_TIMEOUT: z.coerce.number().positive().default(30),
  /** Who signs in: the two local users, or Keystone v3. */
  TROVE_LOGS_IDENTITY: z.enum(["local", "keystone"]).default("local"),
  /** Keystone v3 endpoint, e.g. http://127.0.0.1:5000/v3. */
  TROVE_LOGS_KEYSTONE_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  TROVE_LOGS_KEYSTONE_USER_DOMAIN: z.string().default("Default"),
  TROVE_LOGS_KEYSTONE_PROJECT_DOMAIN: z.string().default("Default"),
  /** Seconds before a Keystone request without an answer fails (503, never a hang). */
  TROVE_LOGS_KEYSTONE_TIMEOUT: z.coerce.number().positive().max(300).default(10),
  /** Seconds a session's token counts as valid after Keystone last said so (0: ask on every request). */
  TROVE_LOGS_KEYSTONE_VALIDATION_CACHE: z.coerce.number().min(0).max(3600).default(60),
  /** The service's own Keystone user (validates tokens, writes into owners' Swift accounts). */
  TROVE_LOGS_SERVICE_USER: z.preprocess(emptyAsUndefined, z.string().optional()),
  TROVE_LOGS_SERVICE_PASSWORD: z.preprocess(emptyAsUndefined, z.string().optional()),
  TROVE_LOGS_SERVICE_PROJECT: z.preprocess(emptyAsUndefined, z.string().optional()),
  /** Where instances and logs come from: the embedded service, or a real Trove (`openstack`). */
  TROVE_LOGS_BACKEND: z.enum(["embedded", "openstack"]).default("embedded"),
  NODE_ENV: z.string().optional(),
  /**
   * Where `npm start` listens. A variable of our own: HOSTNAME is set by Docker and by login shells
   * on some distributions, and would silently expose the server on every interface.
   */
  TROVE_LOGS_HOST: z.preprocess(emptyAsUndefined, z.string().default("127.0.0.1")),
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(65_535).default(3000)),
  /**
   * A reverse proxy (HAProxy, nginx) is in front and sets X-Forwarded-For/-Host/-Proto. Only then are
   * those headers believed (client address, CSRF origin, Secure cookies); otherwise they are ignored.
   */
  TROVE_LOGS_TRUST_PROXY: flag(false),
  // Sign-in throttling (429 with Retry-After before any password is checked) and password hashing.
  /** Failed sign-ins per user name before each further one waits: 1 s, doubling up to the maximum. */
  TROVE_LOGS_LOGIN_FAILURES_PER_USER: z.coerce.number().int().min(1).max(1_000_000).default(5),
  /** The same per client address; higher, as several people may share one address. */
  TROVE_LOGS_LOGIN_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(20),
  /** The longest wait after failed sign-ins, in seconds. */
  TROVE_LOGS_LOGIN_BACKOFF_MAX: z.coerce.number().int().min(1).max(86_400).default(300),
  /** Local users' password checks at once, each in a low-priority worker thread (scrypt: 16 MB apiece). */
  TROVE_LOGS_PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  // Search (lib/server/log-reader/search-*.ts): worker threads scan the logs, with a time budget,
  // and concurrent searches are capped so that searching never starves other requests.
  /** Worker threads that scan logs for searches; unset: one less than the CPUs (at least 1). */
  TROVE_LOGS_SEARCH_WORKERS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1).max(64).optional(),
  ),
  /** Seconds a worker may spend on one ~1 MB piece of a log; past it the search is stopped. */
  TROVE_LOGS_SEARCH_PIECE_TIMEOUT: z.coerce.number().positive().max(600).default(1),
  /** Searches one user may have running or waiting at once (more: 429). */
  TROVE_LOGS_SEARCH_PER_USER: z.coerce.number().int().min(1).max(1000).default(2),
  /** Searches running at once in the process; more wait in a queue of TROVE_LOGS_SEARCH_QUEUE (then 429). */
  TROVE_LOGS_SEARCH_RUNNING: z.coerce.number().int().min(1).max(1000).default(4),
  TROVE_LOGS_SEARCH_QUEUE: z.coerce.number().int().min(0).max(10_000).default(16),
  // The openstack backend (TROVE_LOGS_BACKEND=openstack): a real Trove found in each user's catalog.
  /**
   * The Keystone region whose `database` and `object-store` endpoints the dashboard uses (Trove's own
   * option is `os_region_name`); unset: the first of each in the catalog, whatever its region.
   */
  TROVE_LOGS_REGION: z.preprocess(emptyAsUndefined, z.string().max(255).optional()),
  /**
   * Seconds before an unanswered Trove call fails with 503. Trove answers a log action only once its
   * guest agent has (agent_call_high_timeout, 180 s by default), so keep it above that.
   */
  TROVE_LOGS_TROVE_TIMEOUT: z.coerce.number().positive().max(3600).default(190),
  // Operating it (lib/server/ops/): stopping, health, metrics and the request log.
  /**
   * Seconds a stop (SIGTERM/SIGINT) waits for downloads, publishes and other requests in flight before
   * cutting them; keep it below the supervisor's own stop timeout (systemd: TimeoutStopSec, Docker: 10 s
   * unless `--stop-timeout`).
   */
  TROVE_LOGS_SHUTDOWN_GRACE: z.coerce.number().min(0).max(600).default(20),
  /** `GET /metrics` answers only with `Authorization: Bearer <this>`; unset, /metrics is off (404). */
  TROVE_LOGS_METRICS_TOKEN: z.preprocess(
    emptyAsUndefined,
    z.string().min(16, "must be at least 16 characters").optional(),
  ),
  /** One JSON line per request on stdout (route, status, duration, user, project, request id). */
  TROVE_LOGS_ACCESS_LOG: flag(true),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** The environment, validated once; a bad value stops start-up with the variable's name. */
export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n  ${problems.join("\n  ")}`);
  }
  cached = parsed.data;
  return cached;
}
