// The full hostile-request run against any Trove Logs server (npm test runs a smaller one, e2e/api/fuzz.spec.ts):
//   npx vite-node --config vitest.config.mts scripts/fuzz.ts -- --url http://127.0.0.1:3000 --count 10000 \
//     --user demo --password … --admin-user admin --admin-password … [--seed N] [--token KEYSTONE_TOKEN]
// Exits 1 when an answer is a 5xx, shows a stack trace or an internal path, or takes longer than --timeout.
import { parseArgs } from "node:util";
import { runFuzz } from "../e2e/fixtures/fuzz/run-fuzz";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    url: { type: "string", default: "http://127.0.0.1:3000" },
    count: { type: "string", default: "10000" },
    seed: { type: "string", default: "20261125" },
    concurrency: { type: "string", default: "4" },
    timeout: { type: "string", default: "10", short: "t" },
    user: { type: "string" },
    password: { type: "string" },
    "admin-user": { type: "string" },
    "admin-password": { type: "string" },
    project: { type: "string" },
    "admin-project": { type: "string" },
    domain: { type: "string" },
    token: { type: "string" },
    internal: { type: "string", multiple: true, default: [] },
    mutate: { type: "boolean", default: false },
    only: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

const HELP = `scripts/fuzz.ts — generated hostile requests against a running Trove Logs server
  --url URL                 the server (default http://127.0.0.1:3000)
  --count N --seed S        how many requests, from which seed (the same seed and count send the same requests)
  --user U --password P     a member to sign in as (--project, --domain for Keystone)
  --admin-user U --admin-password P [--admin-project P]   an administrator
  --token T                 a Keystone token for the Trove API (/v1.0) requests that carry a valid one
  --internal PATH           a path that must never appear in an answer (repeatable; the server's data dir…)
  --concurrency N           requests in flight (default 4); --timeout S: slowest acceptable answer (default 10)
  --mutate                  let valid requests publish, discard, switch and restart real logs and instances,
                            and let logins reach the password check (default: safe, the server's state is kept)
  --only 17,42              send only these request numbers (to reproduce a failure)`;

if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const number = (name: string, text: string) => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number, not ${text}`);
  return value;
};
const credentials = (username: string | undefined, password: string | undefined, project?: string) => {
  if (!username) return undefined;
  if (!password) throw new Error(`a password for ${username} is needed`);
  return {
    username,
    password,
    ...(project ? { project } : {}),
    ...(values.domain ? { domain: values.domain } : {}),
  };
};

const report = await runFuzz({
  url: values.url,
  seed: number("seed", values.seed),
  count: number("count", values.count),
  concurrency: Math.max(1, number("concurrency", values.concurrency)),
  timeoutMs: number("timeout", values.timeout) * 1000,
  member: credentials(values.user, values.password, values.project),
  admin: credentials(values["admin-user"], values["admin-password"], values["admin-project"]),
  token: values.token,
  internalPaths: values.internal,
  safe: !values.mutate,
  only: values.only?.split(",").map((index) => number("only", index.trim())),
  progress: (line) => console.log(line),
});
console.log(report.summary);
process.exit(report.failures.length || report.aborted ? 1 : 0);
