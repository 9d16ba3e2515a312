import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { loginAs, run, writeLogFile } from "../fixtures/api";
import { INSTANCES } from "../fixtures/run";

// The viewer's page carries the log's last lines in its HTML (read on the server with the page), and
// the whole log's timeline with them or streamed after them, so both show before its scripts run. The same rules as the lines
// and timeline APIs must hold for that HTML.

const marker = `page-lines-${Date.now()}`;
const logUrl = (instance: string) => `/api/instances/${instance}/log`;
const viewerPage = (scope: "project" | "admin", instance: string, log: string, query = "") =>
  `/${scope}/instances/${instance}/logs/${log}${query}`;

async function publishWithMarker(
  client: APIRequestContext,
  instance: string,
  lines: number,
  log = "general",
) {
  const file = run.logFile(instance, log);
  // Lines as PostgreSQL writes them with its default prefix.
  const two = (value: number) => String(value).padStart(2, "0");
  const stamp = (i: number) => `2026-11-25 10:${two(Math.floor(i / 60) % 60)}:${two(i % 60)}.000 UTC`;
  const text = Array.from(
    { length: lines },
    (_, i) => `${stamp(i)} [42] LOG:  ${marker} ${instance} line ${i + 1}\n`,
  );
  writeLogFile(file, text.join(""));
  await client.post(logUrl(instance), { data: { name: log, discard: 1 } });
  const published = await client.post(logUrl(instance), { data: { name: log, publish: 1 } });
  expect(published.status(), await published.text()).toBe(200);
}

const TIMELINE = `aria-label="Timeline of the whole log"`;

const html = async (client: APIRequestContext, path: string) => {
  const response = await client.get(path, { maxRedirects: 0 });
  return { status: response.status(), text: await response.text() };
};

test.describe.configure({ mode: "serial" });

test.describe("the viewer page's own lines", () => {
  let admin: APIRequestContext;
  let demo: APIRequestContext;

  test.beforeAll(async () => {
    admin = await loginAs("admin");
    demo = await loginAs("demo");
    await publishWithMarker(demo, INSTANCES.postgres, 5_000);
    await publishWithMarker(admin, INSTANCES.otherProject, 50);
    await publishWithMarker(admin, INSTANCES.mysql, 50, "error"); // a SYS log members may not see
  });

  test.afterAll(async () => {
    for (const instance of [INSTANCES.postgres, INSTANCES.otherProject])
      await admin.post(logUrl(instance), { data: { name: "general", discard: 1 } });
    await admin.post(logUrl(INSTANCES.mysql), { data: { name: "error", discard: 1 } });
  });

  test("a member's page has the last lines of their own log, up to the end, and not the whole log", async () => {
    const page = await html(demo, viewerPage("project", INSTANCES.postgres, "general"));
    expect(page.status).toBe(200);
    expect(page.text).toContain(`data-line="5000"`);
    expect(page.text).toContain(`${marker} ${INSTANCES.postgres} line 5000`);
    expect(page.text).toContain(`${marker} ${INSTANCES.postgres} line 4950`);
    // The whole log's timeline (its lines start at 10:00 UTC) comes in the same response, with the
    // lines or streamed right after them: it is on screen before the page's scripts run too.
    expect(page.text).toContain(TIMELINE);
    expect(page.text).toContain(`dateTime="2026-11-25T10:00:00.000Z"`);
    expect(page.text).toContain(`data-bucket="119"`); // its 120 bars
    // Once built (the log unchanged), it goes out with the lines, in its place above them.
    const again = await html(demo, viewerPage("project", INSTANCES.postgres, "general"));
    expect(again.text.indexOf(TIMELINE)).toBeGreaterThan(-1);
    expect(again.text.indexOf(TIMELINE)).toBeLessThan(again.text.indexOf(`data-line="5000"`));
    // A bounded part of the log travels with the page; the rest is read as the reader scrolls.
    expect(page.text).not.toMatch(new RegExp(`${marker} ${INSTANCES.postgres} line 100(?!\\d)`));
  });

  test("a link to a line or a time opens there: the page brings no tail", async () => {
    for (const query of ["?line=10", "?t=2026-12-01T10:00:00Z"]) {
      const page = await html(demo, viewerPage("project", INSTANCES.postgres, "general", query));
      expect(page.status).toBe(200);
      expect(page.text).not.toContain(`line 5000`);
    }
  });

  test("another project's log, a hidden log and the Admin page give a member none of their lines", async () => {
    const other = await html(demo, viewerPage("project", INSTANCES.otherProject, "general"));
    const asAdminPage = await html(demo, viewerPage("admin", INSTANCES.postgres, "general"));
    const hidden = await html(demo, viewerPage("project", INSTANCES.mysql, "error"));
    for (const page of [other, asAdminPage, hidden]) {
      expect(page.text).not.toContain(marker);
      expect(page.text).not.toContain(TIMELINE); // nor when its lines were written
    }
    // An admin's page brings them (the Admin dashboard shows its pages once the browser knows the role).
    const asAdmin = await html(admin, viewerPage("admin", INSTANCES.mysql, "error"));
    expect(asAdmin.text).toContain(`${marker} ${INSTANCES.mysql} line 50`);
  });

  test("lines too long to travel with a page are left to the browser to ask for", async () => {
    const file = run.logFile(INSTANCES.postgres, "general");
    writeLogFile(
      file,
      Array.from({ length: 20 }, (_, i) => `${marker} long ${i} ${"x".repeat(60_000)}\n`).join(""),
    );
    await demo.post(logUrl(INSTANCES.postgres), { data: { name: "general", discard: 1 } });
    await demo.post(logUrl(INSTANCES.postgres), { data: { name: "general", publish: 1 } });
    const page = await html(demo, viewerPage("project", INSTANCES.postgres, "general"));
    expect(page.status).toBe(200);
    expect(page.text).not.toContain(marker);
    expect(page.text.length).toBeLessThan(200_000);
    const lines = await (await demo.get(`${logUrl(INSTANCES.postgres)}/general/lines?tail=20`)).json();
    expect(lines.lines).toHaveLength(20);
  });

  test("without a session the page sends the browser to sign in, with no lines", async () => {
    const nobody = await request.newContext({ baseURL: run.configured.url });
    const anonymous = await html(nobody, viewerPage("project", INSTANCES.postgres, "general"));
    expect(anonymous.text).not.toContain(marker);
    expect([302, 303, 307, 308, 200]).toContain(anonymous.status);
  });
});
