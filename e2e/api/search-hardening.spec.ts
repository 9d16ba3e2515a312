import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { expectError, loginAs, run, writeLogFile } from "../fixtures/api";
import { OVERLAPPING_ALTERNATIONS } from "../fixtures/catastrophic-patterns";
import { INSTANCES } from "../fixtures/run";

/**
 * No search can stall the server: regular expressions that make a backtracking engine run for
 * minutes on one long line, searched on a real server while another user tails a log.
 */

const corpusUrl = `/api/admin/instances/${INSTANCES.mysql}/log/error`;
const tailUrl = `/api/instances/${INSTANCES.postgres}/log/general`;

/** Letters from a fixed pseudo-random sequence (the same every run). */
function letters(count: number): string {
  let seed = 12_345;
  return Array.from({ length: count }, () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return String.fromCharCode(97 + ((seed >> 16) % 26));
  }).join("");
}

/** Long lines of what makes each pattern backtrack (50,000+ characters each). */
const CORPUS = [
  "a".repeat(60_000),
  `${"a".repeat(60_000)}!`,
  "x".repeat(60_000),
  "ab".repeat(30_000),
  `${"x".repeat(5_000)}a`.repeat(11), // 11 a's: (.*a){12} must try every split
  letters(60_000),
  "lorem ipsum dolor sit amet ".repeat(2_500),
  "2026-11-25T10:00:00Z 42 [ERROR] the one ordinary line",
].join("\n");

/** Each answers fast (no match, or a match found in linear time). */
const RUNS = [
  ...OVERLAPPING_ALTERNATIONS,
  "(a+)+$",
  "(.*a){12}",
  "^(\\w+\\s?)*$",
  "(x+x+)+y",
  "(a|b|ab)*c",
  "(a*)*b",
  "(.*){1,100}[bc]",
  "[a-q][^u-z]{99}x",
  "(\\w+\\s?){100}x", // the slowest kind RE2 runs: done, or stopped by the time budget
];
/** What RE2 cannot run: refused at once with the reason. */
const REFUSED: Array<[string, RegExp]> = [
  ["(a+)\\1b", /Backreferences/],
  ["(?<w>\\w+) \\k<w>", /Backreferences/],
  ["a(?=b)", /Lookahead and lookbehind/],
  ["(?<!x)a+$", /Lookahead and lookbehind/],
  ["a{100000}", /limited to 100 copies/],
  ["(.*){1,32000}[bc]", /limited to 100 copies/],
  ["[a-q][^u-z]{999}x", /limited to 100 copies/],
  ["(\\w+\\s?){1000}x", /limited to 100 copies/],
  ["((a{500}){500}){500}", /limited to 100 copies/],
  ["(a{10}){20}", /limited to 100 copies/],
  ["a++b", /Possessive/],
];

interface Search {
  status: number;
  seconds: number;
  last: { type: string; total?: number; message?: string };
}

async function searchFor(client: APIRequestContext, url: string, q: string): Promise<Search> {
  const started = performance.now();
  const response = await client.get(`${url}/search?q=${encodeURIComponent(q)}&regex=1`, { timeout: 30_000 });
  const text = await response.text();
  const seconds = (performance.now() - started) / 1000;
  const last = response.status() === 200 ? JSON.parse(text.trim().split("\n").at(-1)!) : JSON.parse(text);
  return { status: response.status(), seconds, last };
}

/** Tails 50 lines as `client` until `until` settles; the slowest answer in ms. */
async function tailMeanwhile(client: APIRequestContext, until: Promise<unknown>): Promise<number[]> {
  let finished = false;
  void until.finally(() => (finished = true));
  const times: number[] = [];
  while (!finished) {
    const started = performance.now();
    const response = await client.get(`${tailUrl}/tail?lines=50`);
    expect(response.status()).toBe(200);
    expect((await response.text()).split("\n")).toHaveLength(51);
    times.push(performance.now() - started);
  }
  return times;
}

const cookieOf = async (client: APIRequestContext) =>
  (await client.storageState()).cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");

test.describe.configure({ mode: "serial" });

test.describe("search hardening", () => {
  test.beforeAll(async () => {
    const admin = await loginAs("admin");
    const demo = await loginAs("demo");
    writeLogFile(run.logFile(INSTANCES.mysql, "error"), `${CORPUS}\n`);
    const lines = Array.from(
      { length: 500 },
      (_, i) => `2026-11-25 10:00:00 UTC [${i}] LOG:  statement ${i}\n`,
    );
    writeLogFile(run.logFile(INSTANCES.postgres, "general"), lines.join(""));
    for (const [client, url, name] of [
      [admin, `/api/instances/${INSTANCES.mysql}/log`, "error"],
      [demo, `/api/instances/${INSTANCES.postgres}/log`, "general"],
    ] as const) {
      await client.post(url, { data: { name, discard: 1 } });
      const published = await client.post(url, { data: { name, publish: 1 } });
      expect(published.status(), await published.text()).toBe(200);
    }
  });

  test("catastrophic patterns answer within 2 s or are refused, while another user's tail stays fast", async () => {
    test.setTimeout(180_000);
    const admin = await loginAs("admin");
    const demo = await loginAs("demo");
    const searches = (async () => {
      const answers: Array<[string, Search]> = [];
      for (const q of RUNS) answers.push([q, await searchFor(admin, corpusUrl, q)]);
      for (const [q] of REFUSED) answers.push([q, await searchFor(admin, corpusUrl, q)]);
      return answers;
    })();
    const tails = await tailMeanwhile(demo, searches);
    const anonymous = await demo.get("/api/auth/config");
    expect(anonymous.status()).toBe(200);

    const answers = new Map(await searches);
    for (const q of RUNS) {
      const answer = answers.get(q)!;
      expect({ q, status: answer.status }).toEqual({ q, status: 200 });
      expect({ q, fast: answer.seconds < 2 }).toEqual({ q, fast: true });
      // The stream ends with the count, or with the reason the search was stopped.
      expect(["done", "error"]).toContain(answer.last.type);
      if (answer.last.type === "error") expect(answer.last.message).toMatch(/search was stopped/);
    }
    // Matches are found where there are some (RE2's answers, grep's one hit per line).
    expect(answers.get("(.*a){12}")!.last).toMatchObject({ type: "done", total: 5 });
    expect(answers.get("(a+)+$")!.last).toMatchObject({ type: "done", total: 2 });
    expect(answers.get("^(\\w+\\s?)*$")!.last).toMatchObject({ type: "done", total: 6 });
    expect(answers.get("(.|.)*#@!")!.last).toMatchObject({ type: "done", total: 0 });
    for (const [q, reason] of REFUSED) {
      const answer = answers.get(q)!;
      expect({
        q,
        status: answer.status,
        code: (answer.last as { error?: { code: string } }).error?.code,
      }).toEqual({
        q,
        status: 400,
        code: "bad_request",
      });
      const message = (answer.last as unknown as { error: { message: string } }).error.message;
      expect(message).toMatch(reason);
      expect(message).toMatch(/\((RE2: .+|This one makes \d+\.)\)$/); // RE2's own reason, or the count
    }
    expect(tails.length).toBeGreaterThan(3);
    expect(Math.max(...tails)).toBeLessThan(1_000);
    const slowest = Math.max(...RUNS.map((q) => answers.get(q)!.seconds));
    console.log(
      `[search corpus] ${RUNS.length} patterns answered (slowest ${slowest.toFixed(2)} s), ` +
        `${REFUSED.length} refused; ${tails.length} tails meanwhile, slowest ${Math.max(...tails).toFixed(0)} ms`,
    );
  });

  test("a user's searches are capped; a cancelled search frees its slot at once", async () => {
    const demo = await loginAs("demo");
    // An 8 MB log that a slow-per-byte pattern takes seconds to scan: the searches are still running.
    writeLogFile(
      run.logFile(INSTANCES.postgres, "general"),
      Buffer.from(randomBytes(8 * 1024 * 1024).map((byte) => (byte % 64 === 0 ? 10 : 97 + (byte % 26)))),
    );
    const published = await demo.post(`/api/instances/${INSTANCES.postgres}/log`, {
      data: { name: "general", publish: 1 },
    });
    expect(published.status()).toBe(200);
    const cookie = await cookieOf(demo);
    const slow = `${run.configured.url}${tailUrl}/search?q=${encodeURIComponent("[a-q][^u-z]{50}x")}&regex=1`;
    const cancel = new AbortController();
    const running = await Promise.all(
      [1, 2].map(() => fetch(slow, { headers: { cookie }, signal: cancel.signal })),
    );
    for (const response of running) {
      expect(response.status).toBe(200);
      const first = await response.body!.getReader().read(); // the search runs: {"type":"progress",…}
      expect(new TextDecoder().decode(first.value)).toContain('"progress"');
    }
    const third = await demo.get(`${tailUrl}/search?q=statement`);
    const refused = await expectError(third, 429, /already have 2 searches running/);
    expect(refused.code).toBe("too_many_requests");
    expect(Number(third.headers()["retry-after"])).toBeGreaterThan(0);

    cancel.abort(); // as the viewer does when the query changes
    let again = await demo.get(`${tailUrl}/search?q=statement`);
    for (let i = 0; i < 20 && again.status() === 429; i += 1) {
      await new Promise((done) => setTimeout(done, 100));
      again = await demo.get(`${tailUrl}/search?q=statement`);
    }
    expect(again.status()).toBe(200);
    expect((await again.text()).trim().split("\n").at(-1)).toContain('"done"');
  });
});
