import "server-only";
import { isIdentityError } from "./identity-error";
import type { IdentityProvider, LoginOptions, Principal, ProjectRef } from "./identity-provider";
import type { LoginThrottle } from "./login-throttle";

/**
 * Any identity provider, with sign-in throttled before it is asked: a throttled attempt costs no
 * password hash and no Keystone call. Only wrong credentials (401) count as failures; a refused
 * project (403) proved the password, and an identity service that is down says nothing about it.
 */
export class ThrottledIdentity implements IdentityProvider {
  readonly kind: IdentityProvider["kind"];

  constructor(
    private readonly inner: IdentityProvider,
    private readonly throttle: LoginThrottle,
  ) {
    this.kind = inner.kind;
  }

  async authenticate(username: string, password: string, options: LoginOptions = {}): Promise<Principal> {
    const attempt = this.throttle.begin(username, options.client ?? "unknown");
    try {
      const principal = await this.inner.authenticate(username, password, options);
      attempt.finish("succeeded");
      return principal;
    } catch (error) {
      attempt.finish(isIdentityError(error) && error.status === 401 ? "failed" : "undecided");
      throw error;
    }
  }

  listProjects(principal: Principal): Promise<ProjectRef[]> {
    return this.inner.listProjects(principal);
  }

  switchProject(principal: Principal, projectId: string): Promise<Principal> {
    return this.inner.switchProject(principal, projectId);
  }

  validate(principal: Principal): Promise<Principal | undefined> {
    return this.inner.validate(principal);
  }

  logout(principal: Principal): Promise<void> {
    return this.inner.logout(principal);
  }
}
