import "server-only";
import { IdentityError } from "../identity-error";
import type { ProjectRef } from "../identity-provider";
import { keystoneFetch, keystoneMessage, type KeystoneRequest } from "./keystone-http";
import { parseToken, type KeystoneToken } from "./keystone-token";

/** A project by id, or by name within a domain (by name). */
export type ProjectScope = { id: string } | { name: string; domain: string };

export interface PasswordAuth {
  user: string;
  password: string;
  /** The user's domain name. */
  userDomain: string;
  /** A project; `default` lets Keystone use the user's default project; `unscoped` asks for no project. */
  scope: ProjectScope | "default" | "unscoped";
}

/** Validation outcome: the token, or why not (`rejected`: the token doing the checking was refused). */
export type Validation = { ok: true; token: KeystoneToken } | { ok: false; reason: "invalid" | "rejected" };

export interface KeystoneClientOptions {
  /** Keystone's endpoint, with or without the `/v3` suffix. */
  url: string;
  timeoutMs: number;
}

/** `http://host:5000`, `http://host:5000/` and `http://host:5000/v3/` all become `http://host:5000/v3`. */
export function normalizeKeystoneUrl(url: string): string {
  const trimmed = url.replace(/\/+$/, "");
  return /\/v3$/.test(trimmed) ? trimmed : `${trimmed}/v3`;
}

const scopeBody = (scope: ProjectScope) =>
  "id" in scope
    ? { project: { id: scope.id } }
    : { project: { name: scope.name, domain: { name: scope.domain } } };

const projectsSchemaGuard = (body: unknown): ProjectRef[] | undefined => {
  const projects = (body as { projects?: unknown } | undefined)?.projects;
  if (!Array.isArray(projects)) return undefined;
  return projects
    .filter((project): project is { id: string; name: string; enabled?: boolean } =>
      Boolean(project && typeof project.id === "string" && typeof project.name === "string"),
    )
    .filter((project) => project.enabled !== false)
    .map((project) => ({ id: project.id, name: project.name }));
};

/** Keystone v3 over HTTP: password and token authentication, validation, projects, revocation. */
export class KeystoneClient {
  readonly url: string;
  private readonly timeoutMs: number;

  constructor(options: KeystoneClientOptions) {
    this.url = normalizeKeystoneUrl(options.url);
    this.timeoutMs = options.timeoutMs;
  }

  private request(path: string, request: KeystoneRequest) {
    return keystoneFetch(this.url, path, request, this.timeoutMs);
  }

  private token(response: { headers: Headers; body: unknown }, fallback?: string): KeystoneToken {
    const value = response.headers.get("x-subject-token") ?? fallback;
    const token = value ? parseToken(value, response.body) : undefined;
    if (!token) {
      throw new IdentityError(
        503,
        "service_unavailable",
        `Keystone (${this.url}) answered with no usable token.`,
      );
    }
    return token;
  }

  private async issue(auth: Record<string, unknown>, what: string): Promise<KeystoneToken> {
    const response = await this.request("/auth/tokens", { method: "POST", body: { auth } });
    if (response.status === 201 || response.status === 200) return this.token(response);
    const detail = keystoneMessage(response.body);
    if (response.status === 401)
      throw new IdentityError(401, "unauthorized", detail ?? `${what} was refused.`);
    if (response.status === 403)
      throw new IdentityError(403, "forbidden", detail ?? `${what} is not allowed.`);
    if (response.status === 404)
      throw new IdentityError(401, "unauthorized", detail ?? `${what} was refused.`);
    throw new IdentityError(
      400,
      "bad_request",
      `Keystone refused ${what.toLowerCase()} (HTTP ${response.status})${detail ? `: ${detail}` : ""}.`,
    );
  }

  /** Password authentication (user name + user domain name). 401 IdentityError when refused. */
  passwordAuth(auth: PasswordAuth): Promise<KeystoneToken> {
    const identity = {
      methods: ["password"],
      password: { user: { name: auth.user, domain: { name: auth.userDomain }, password: auth.password } },
    };
    const scope =
      auth.scope === "default"
        ? {}
        : { scope: auth.scope === "unscoped" ? "unscoped" : scopeBody(auth.scope) };
    return this.issue({ identity, ...scope }, "Password authentication");
  }

  /** A new token for another project, from a valid token of the same user (rescoping). */
  rescope(token: string, scope: ProjectScope): Promise<KeystoneToken> {
    return this.issue(
      { identity: { methods: ["token"], token: { id: token } }, scope: scopeBody(scope) },
      "Rescoping",
    );
  }

  /** Validates `subject` with `authToken` (a service token, or the subject itself). */
  async validate(
    subject: string,
    authToken: string,
    options: { catalog?: boolean } = {},
  ): Promise<Validation> {
    const query = options.catalog === false ? "?nocatalog" : "";
    const response = await this.request(`/auth/tokens${query}`, {
      method: "GET",
      headers: { "X-Auth-Token": authToken, "X-Subject-Token": subject },
    });
    if (response.status === 200) return { ok: true, token: this.token(response, subject) };
    if (response.status === 404) return { ok: false, reason: "invalid" };
    if (response.status === 401 || response.status === 403) {
      // Keystone says 401 when the checking token is bad; when it checks itself, the subject is bad.
      return { ok: false, reason: subject === authToken ? "invalid" : "rejected" };
    }
    throw new IdentityError(
      503,
      "service_unavailable",
      `Keystone (${this.url}) answered HTTP ${response.status} to a token check.`,
    );
  }

  /** The projects a token's user may scope to (enabled ones), sorted by name. */
  async projects(token: string): Promise<ProjectRef[]> {
    const response = await this.request("/auth/projects", {
      method: "GET",
      headers: { "X-Auth-Token": token },
    });
    const projects = response.status === 200 ? projectsSchemaGuard(response.body) : undefined;
    if (response.status === 401)
      throw new IdentityError(401, "unauthorized", "Your Keystone token is no longer valid.");
    if (!projects) {
      throw new IdentityError(
        503,
        "service_unavailable",
        `Keystone (${this.url}) answered HTTP ${response.status} to a project list.`,
      );
    }
    return projects.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Revokes `token` (with itself, or another token allowed to). An already invalid token is fine. */
  async revoke(token: string, authToken: string = token): Promise<void> {
    const response = await this.request("/auth/tokens", {
      method: "DELETE",
      headers: { "X-Auth-Token": authToken, "X-Subject-Token": token },
    });
    if (response.status === 204 || response.status === 200 || response.status === 404) return;
    if (response.status === 401 && authToken === token) return; // already revoked or expired
    throw new IdentityError(
      503,
      "service_unavailable",
      `Keystone (${this.url}) answered HTTP ${response.status} to a token revocation.`,
    );
  }
}
