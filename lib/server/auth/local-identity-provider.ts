import "server-only";
import { IdentityError } from "./identity-error";
import type { IdentityProvider, LoginOptions, Principal, ProjectRef } from "./identity-provider";
import type { LocalIdentity, LocalUser } from "./local-identity";

export interface LocalIdentityProviderOptions {
  users: LocalIdentity;
  /** Project names by id (the configuration's projects); an unknown id is its own name. */
  projectName(id: string): string;
  sessionTtlMs: number;
  now?: () => number;
}

/** The embedded mode's two users behind the IdentityProvider interface; there is no token. */
export class LocalIdentityProvider implements IdentityProvider {
  readonly kind = "local" as const;
  private readonly now: () => number;

  constructor(private readonly options: LocalIdentityProviderOptions) {
    this.now = options.now ?? Date.now;
  }

  async authenticate(username: string, password: string, options: LoginOptions = {}): Promise<Principal> {
    const user = await this.options.users.authenticate(username, password);
    if (!user) throw new IdentityError(401, "unauthorized", "Invalid username or password.");
    const projectId = options.project ?? user.projectIds[0]!;
    if (!user.projectIds.includes(projectId)) {
      throw new IdentityError(403, "forbidden", `User ${user.name} is not a member of project ${projectId}.`);
    }
    return this.principalOf(user, projectId, this.now() + this.options.sessionTtlMs);
  }

  async listProjects(principal: Principal): Promise<ProjectRef[]> {
    return this.projectsOf(this.options.users.user(principal.userId)?.projectIds ?? []);
  }

  async switchProject(principal: Principal, projectId: string): Promise<Principal> {
    const user = this.options.users.user(principal.userId);
    if (!user?.projectIds.includes(projectId)) {
      throw new IdentityError(403, "forbidden", `You are not a member of project ${projectId}.`);
    }
    return this.principalOf(user, projectId, principal.expiresAt);
  }

  /** The user must still exist and belong to the project; roles are the user's current ones. */
  async validate(principal: Principal): Promise<Principal | undefined> {
    const user = this.options.users.user(principal.userId);
    if (!user || !user.projectIds.includes(principal.projectId) || principal.expiresAt <= this.now()) {
      return undefined;
    }
    return this.principalOf(user, principal.projectId, principal.expiresAt);
  }

  async logout(): Promise<void> {}

  private projectsOf(ids: string[]): ProjectRef[] {
    return ids.map((id) => ({ id, name: this.options.projectName(id) }));
  }

  private principalOf(user: LocalUser, projectId: string, expiresAt: number): Principal {
    return {
      userId: user.id,
      userName: user.name,
      projectId,
      projectName: this.options.projectName(projectId),
      roles: user.roles,
      projects: this.projectsOf(user.projectIds),
      expiresAt,
    };
  }
}
