import "server-only";
import { IdentityError, isIdentityError } from "../identity-error";
import type { IdentityProvider, LoginOptions, Principal, ProjectRef } from "../identity-provider";
import type { KeystoneClient, ProjectScope, Validation } from "./keystone-client";
import type { KeystoneToken } from "./keystone-token";
import type { ServiceTokenProvider } from "./service-token";

export interface KeystoneIdentityOptions {
  client: KeystoneClient;
  /** Validates users' tokens; without it a token validates itself. */
  serviceToken?: ServiceTokenProvider;
  /** Defaults for the login form's user domain and for project names. */
  userDomain: string;
  projectDomain: string;
  /** The session lifetime; a session also ends when its token expires. */
  sessionTtlMs: number;
  /** How long a successful validation is trusted before Keystone is asked again. */
  validationCacheMs: number;
  now?: () => number;
}

type TokenFacts = Pick<Principal, "userName" | "projectName" | "roles" | "expiresAt">;

const PROJECT_ID = /^[0-9a-f]{32}$/;
const BAD_CREDENTIALS = "Invalid username or password.";

/** Keystone v3 as the dashboard's identity: the token stays in the server-side session. */
export class KeystoneIdentity implements IdentityProvider {
  readonly kind = "keystone" as const;
  /** What Keystone last said about each token, and when. */
  private readonly validated = new Map<string, { at: number; facts: TokenFacts }>();
  private readonly now: () => number;

  constructor(private readonly options: KeystoneIdentityOptions) {
    this.now = options.now ?? Date.now;
  }

  private get client(): KeystoneClient {
    return this.options.client;
  }

  async authenticate(username: string, password: string, options: LoginOptions = {}): Promise<Principal> {
    const userDomain = options.domain?.trim() || this.options.userDomain;
    const credentials = { user: username, password, userDomain };
    const project = options.project?.trim();
    let token: KeystoneToken;
    if (project) {
      try {
        token = await this.client.passwordAuth({ ...credentials, scope: this.scopeOf(project) });
      } catch (error) {
        if (!isIdentityError(error) || error.status !== 401) throw error;
        // Keystone says 401 both for a wrong password and for a project without a role: tell them apart.
        const unscoped = await this.password(() =>
          this.client.passwordAuth({ ...credentials, scope: "unscoped" }),
        );
        await this.revokeQuietly(unscoped.value);
        throw new IdentityError(403, "forbidden", `User ${username} has no access to project ${project}.`);
      }
    } else {
      token = await this.password(() => this.client.passwordAuth({ ...credentials, scope: "default" }));
      if (!token.project) token = await this.scopeToFirstProject(token, username);
    }
    return this.principalOf(
      token,
      await this.client.projects(token.value),
      this.now() + this.options.sessionTtlMs,
    );
  }

  listProjects(principal: Principal): Promise<ProjectRef[]> {
    return this.client.projects(this.tokenOf(principal));
  }

  async switchProject(principal: Principal, projectId: string): Promise<Principal> {
    const current = this.tokenOf(principal);
    const projects = await this.client.projects(current);
    if (!projects.some((project) => project.id === projectId)) {
      throw new IdentityError(403, "forbidden", `You are not a member of project ${projectId}.`);
    }
    const token = await this.client.rescope(current, { id: projectId });
    this.validated.delete(current);
    await this.revokeQuietly(current);
    return this.principalOf(token, projects, principal.expiresAt);
  }

  async validate(principal: Principal): Promise<Principal | undefined> {
    const value = this.tokenOf(principal);
    const now = this.now();
    if (principal.expiresAt <= now) return this.forget(value);
    const cached = this.validated.get(value);
    if (!cached || now - cached.at >= this.options.validationCacheMs) {
      const result = await this.check(value);
      if (!result.ok) return this.forget(value);
      const { token } = result;
      if (token.user.id !== principal.userId || token.project?.id !== principal.projectId) {
        return this.forget(value);
      }
      this.remember(value, {
        userName: token.user.name,
        projectName: token.project.name,
        roles: token.roles,
        expiresAt: Math.min(principal.expiresAt, token.expiresAt),
      });
    }
    const facts = this.validated.get(value)!.facts;
    // Unchanged: the same object, so the session store has nothing to write.
    const same =
      facts.userName === principal.userName &&
      facts.projectName === principal.projectName &&
      facts.expiresAt === principal.expiresAt &&
      facts.roles.join() === principal.roles.join();
    return same ? principal : { ...principal, ...facts };
  }

  async logout(principal: Principal): Promise<void> {
    const value = this.tokenOf(principal);
    this.validated.delete(value);
    await this.client.revoke(value);
  }

  private tokenOf(principal: Principal): string {
    if (!principal.token) throw new IdentityError(401, "unauthorized", "This session has no Keystone token.");
    return principal.token;
  }

  private scopeOf(project: string): ProjectScope {
    return PROJECT_ID.test(project) ? { id: project } : { name: project, domain: this.options.projectDomain };
  }

  private async password<T>(attempt: () => Promise<T>): Promise<T> {
    try {
      return await attempt();
    } catch (error) {
      if (isIdentityError(error) && error.status === 401)
        throw new IdentityError(401, "unauthorized", BAD_CREDENTIALS);
      throw error;
    }
  }

  /** A user without a default project gets an unscoped token: scope it to the first of their projects. */
  private async scopeToFirstProject(unscoped: KeystoneToken, username: string): Promise<KeystoneToken> {
    const [first] = await this.client.projects(unscoped.value);
    if (!first) {
      await this.revokeQuietly(unscoped.value);
      throw new IdentityError(403, "forbidden", `User ${username} has no role on any project.`);
    }
    const scoped = await this.client.rescope(unscoped.value, { id: first.id });
    await this.revokeQuietly(unscoped.value);
    return scoped;
  }

  private async check(value: string): Promise<Validation> {
    const service = this.options.serviceToken;
    if (!service) return this.client.validate(value, value, { catalog: false });
    let result = await this.client.validate(value, await service.get(), { catalog: false });
    if (!result.ok && result.reason === "rejected") {
      service.invalidate();
      result = await this.client.validate(value, await service.get(), { catalog: false });
      if (!result.ok && result.reason === "rejected") {
        throw new IdentityError(
          503,
          "service_unavailable",
          `Keystone does not let the service user ${service.user} validate tokens (it needs the admin or service role).`,
        );
      }
    }
    return result;
  }

  private principalOf(token: KeystoneToken, projects: ProjectRef[], deadline: number): Principal {
    if (!token.project)
      throw new IdentityError(403, "forbidden", "Keystone issued a token without a project.");
    const principal: Principal = {
      userId: token.user.id,
      userName: token.user.name,
      projectId: token.project.id,
      projectName: token.project.name,
      roles: token.roles,
      projects,
      token: token.value,
      catalog: token.catalog,
      expiresAt: Math.min(deadline, token.expiresAt),
    };
    const { userName, projectName, roles, expiresAt } = principal;
    this.remember(token.value, { userName, projectName, roles, expiresAt });
    return principal;
  }

  private remember(value: string, facts: TokenFacts): void {
    const at = this.now();
    if (this.validated.size > 10_000) {
      for (const [key, entry] of this.validated) {
        if (at - entry.at >= this.options.validationCacheMs) this.validated.delete(key);
      }
    }
    this.validated.set(value, { at, facts });
  }

  private forget(value: string): undefined {
    this.validated.delete(value);
    return undefined;
  }

  private async revokeQuietly(value: string): Promise<void> {
    try {
      await this.client.revoke(value);
    } catch (error) {
      console.warn(`[trove-logs] could not revoke a superseded Keystone token: ${(error as Error).message}`);
    }
  }
}
