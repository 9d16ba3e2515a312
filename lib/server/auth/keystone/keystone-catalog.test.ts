import { describe, expect, it } from "vitest";
import { catalogUrl, type KeystoneCatalog } from "./keystone-catalog";
import { normalizeKeystoneUrl } from "./keystone-client";
import { parseToken } from "./keystone-token";

const catalog: KeystoneCatalog = [
  {
    type: "object-store",
    name: "swift",
    endpoints: [
      { interface: "internal", url: "http://10.0.0.1:8080/v1/AUTH_%(project_id)s", region_id: "RegionOne" },
      {
        interface: "public",
        url: "http://swift.example:8080/v1/AUTH_$(project_id)s",
        region_id: "RegionOne",
      },
      { interface: "public", url: "http://swift-two.example/v1/AUTH_%(tenant_id)s", region_id: "RegionTwo" },
    ],
  },
  {
    type: "database",
    endpoints: [
      { interface: "public", url: "http://127.0.0.1:3000/v1.0/%(project_id)s", region: "RegionOne" },
    ],
  },
];

describe("catalog lookup", () => {
  it("finds a service's public endpoint and substitutes the project id in either template style", () => {
    expect(catalogUrl(catalog, { type: "object-store", projectId: "abc" })).toBe(
      "http://swift.example:8080/v1/AUTH_abc",
    );
    expect(catalogUrl(catalog, { type: "object-store", interface: "internal", projectId: "abc" })).toBe(
      "http://10.0.0.1:8080/v1/AUTH_abc",
    );
    expect(catalogUrl(catalog, { type: "object-store", region: "RegionTwo", projectId: "p" })).toBe(
      "http://swift-two.example/v1/AUTH_p",
    );
    expect(catalogUrl(catalog, { type: "database", region: "RegionOne", projectId: "d" })).toBe(
      "http://127.0.0.1:3000/v1.0/d",
    );
  });

  it("leaves templates alone without a project id, and answers undefined for what is not there", () => {
    expect(catalogUrl(catalog, { type: "database" })).toBe("http://127.0.0.1:3000/v1.0/%(project_id)s");
    expect(catalogUrl(catalog, { type: "compute" })).toBeUndefined();
    expect(catalogUrl(catalog, { type: "database", interface: "admin" })).toBeUndefined();
    expect(catalogUrl([], { type: "object-store" })).toBeUndefined();
  });
});

describe("Keystone URL and token parsing", () => {
  it("normalizes the endpoint to its /v3 root", () => {
    for (const url of ["http://k:5000", "http://k:5000/", "http://k:5000/v3", "http://k:5000/v3/"]) {
      expect(normalizeKeystoneUrl(url)).toBe("http://k:5000/v3");
    }
    expect(normalizeKeystoneUrl("https://cloud.example/identity/v3/")).toBe(
      "https://cloud.example/identity/v3",
    );
  });

  it("reads user, project, roles (deduplicated, sorted), expiry with microseconds and the catalog", () => {
    const token = parseToken("gAAAA-token", {
      token: {
        methods: ["password"],
        expires_at: "2030-01-02T03:04:05.123456Z",
        user: { id: "u1", name: "demo", domain: { id: "default", name: "Default" } },
        project: { id: "p1", name: "demo", domain: { id: "default", name: "Default" } },
        roles: [
          { id: "r2", name: "reader" },
          { id: "r1", name: "member" },
          { id: "r2", name: "reader" },
        ],
        catalog,
      },
    });
    expect(token).toMatchObject({
      value: "gAAAA-token",
      user: { id: "u1", name: "demo", domainId: "default" },
      project: { id: "p1", name: "demo" },
      roles: ["member", "reader"],
      expiresAt: Date.UTC(2030, 0, 2, 3, 4, 5, 123),
    });
    expect(token?.catalog).toHaveLength(2);
  });

  it("takes an unscoped token, and refuses what is not a token", () => {
    const unscoped = parseToken("t", {
      token: { expires_at: "2030-01-01T00:00:00Z", user: { id: "u", name: "n" } },
    });
    expect(unscoped).toMatchObject({ project: undefined, roles: [], catalog: [] });
    expect(parseToken("t", { error: { code: 401 } })).toBeUndefined();
    expect(parseToken("t", { token: { expires_at: "soon", user: { id: "u", name: "n" } } })).toBeUndefined();
  });
});
