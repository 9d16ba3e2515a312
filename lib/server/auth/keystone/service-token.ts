import "server-only";
import { IdentityError, isIdentityError } from "../identity-error";
import type { KeystoneClient } from "./keystone-client";
import type { KeystoneToken } from "./keystone-token";

export interface ServiceCredentials {
  user: string;
  password: string;
  userDomain: string;
  project: string;
  projectDomain: string;
}

/**
 * The app's own Keystone token (TROVE_LOGS_SERVICE_*), fetched once and reused until shortly before
 * it expires; concurrent callers share one request.
 */
export class ServiceTokenProvider {
  private current?: KeystoneToken;
  private pending?: Promise<KeystoneToken>;

  constructor(
    private readonly client: KeystoneClient,
    private readonly credentials: ServiceCredentials,
    private readonly now: () => number = Date.now,
  ) {}

  get user(): string {
    return this.credentials.user;
  }

  /** The token value, renewed when less than 5 minutes (or a tenth of its lifetime) are left. */
  async get(): Promise<string> {
    return (await this.token()).value;
  }

  /** The whole token (user, project, roles, catalog). */
  async token(): Promise<KeystoneToken> {
    if (this.current && this.current.expiresAt - this.now() > this.margin(this.current)) return this.current;
    this.pending ??= this.fetch().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** Forgets the cached token (Keystone refused it): the next call authenticates again. */
  invalidate(value?: string): void {
    if (!value || this.current?.value === value) this.current = undefined;
  }

  private margin(token: KeystoneToken): number {
    return Math.min(5 * 60_000, Math.max(0, token.expiresAt - this.now()) / 10);
  }

  private async fetch(): Promise<KeystoneToken> {
    const { user, password, userDomain, project, projectDomain } = this.credentials;
    try {
      this.current = await this.client.passwordAuth({
        user,
        password,
        userDomain,
        scope: { name: project, domain: projectDomain },
      });
      return this.current;
    } catch (error) {
      if (isIdentityError(error) && (error.status === 401 || error.status === 403)) {
        throw new IdentityError(
          503,
          "service_unavailable",
          `Keystone refused the service user ${user} (project ${project}); check TROVE_LOGS_SERVICE_USER/PASSWORD/PROJECT.`,
        );
      }
      throw error;
    }
  }
}
