// The Trove API's POST routes (Keystone tokens) limit request bodies as the dashboard's API does.
import { expect, test } from "@playwright/test";
import { keystoneLogin, keystoneServer, latestToken, requireKeystone } from "../fixtures/keystone";
import { KEYSTONE_INSTANCES } from "../fixtures/keystone-run";
import { rawRequest } from "../fixtures/raw-http";

const MB = 1024 * 1024;

test("Trove API POSTs: a declared oversize is refused at once, a chunked one cut off after the limit", async () => {
  const keystone = await requireKeystone();
  const member = await keystoneLogin(keystone, "demo");
  const token = latestToken("demo");
  const instance = `/v1.0/${keystone.projects.demo}/instances/${KEYSTONE_INSTANCES.demoMysql}`;
  for (const target of [`${instance}/log`, `${instance}/action`]) {
    const declared = await rawRequest(keystoneServer.url, {
      method: "POST",
      target,
      headers: {
        "X-Auth-Token": token,
        "Content-Type": "application/json",
        "Content-Length": String(300 * MB),
      },
      streamBytes: 300 * MB,
      answerWaitMs: 1000,
    });
    expect(declared.status, declared.body).toBe(413);
    expect(declared.sent).toBe(0);

    const chunked = await rawRequest(keystoneServer.url, {
      method: "POST",
      target,
      headers: { "X-Auth-Token": token, "Content-Type": "application/json" },
      streamBytes: 300 * MB,
    });
    expect(chunked.status, chunked.body).toBe(413);
    expect(JSON.parse(chunked.body)).toEqual({
      overLimit: { code: 413, message: expect.stringMatching(/too large/) },
    });
    expect(chunked.ms).toBeLessThan(2000);
    expect(chunked.sent).toBeLessThan(32 * MB);
  }
  await member.dispose();
});
