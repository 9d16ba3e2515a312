import { expect, test } from "@playwright/test";
import { expectError, loginAs } from "../fixtures/api";
import { INSTANCES } from "../fixtures/run";

test.describe("instances API", () => {
  test("a member sees only the project's instances", async () => {
    const demo = await loginAs("demo");
    const { instances } = await (await demo.get("/api/instances")).json();
    expect(instances.map((instance: { id: string }) => instance.id).sort()).toEqual(
      [INSTANCES.mysql, INSTANCES.postgres].sort(),
    );
    expect(instances.find((instance: { id: string }) => instance.id === INSTANCES.mysql)).toEqual({
      id: INSTANCES.mysql,
      name: "e2e-mysql",
      project_id: "demo",
      datastore: { type: "mysql", version: "8.0.36" },
      status: "ACTIVE",
    });
    const one = await (await demo.get(`/api/instances/${INSTANCES.postgres}`)).json();
    expect(one.instance).toMatchObject({ id: INSTANCES.postgres, datastore: { type: "postgresql" } });
    await expectError(await demo.get(`/api/instances/${INSTANCES.otherProject}`), 404);
    await expectError(await demo.get("/api/instances/does-not-exist"), 404);
    await expectError(await demo.get("/api/instances?all_projects=1"), 403);
    await expectError(await demo.get("/api/instances/bad%20id"), 400);
  });

  test("an admin lists every project's instances with all_projects", async () => {
    const admin = await loginAs("admin");
    const { instances } = await (await admin.get("/api/instances?all_projects=1")).json();
    expect(instances.map((instance: { project_id: string }) => instance.project_id).sort()).toEqual([
      "demo",
      "demo",
      "ops",
    ]);
    const other = await admin.get(`/api/instances/${INSTANCES.otherProject}`);
    expect(other.status()).toBe(200);
  });

  test("requires a session", async ({ request }) => {
    await expectError(await request.get("/api/instances"), 401);
    await expectError(await request.get(`/api/instances/${INSTANCES.mysql}/log`), 401);
    await expectError(await request.get("/api/no-such-endpoint"), 404);
  });
});
