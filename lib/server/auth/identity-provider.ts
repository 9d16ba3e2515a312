import "server-only";
import type { KeystoneCatalog } from "./keystone/keystone-catalog";

export type IdentityKind = "local" | "keystone";

export interface ProjectRef {
  id: string;
  name: string;
}

/** Who is signed in, in which project, with which roles: what a session stands for (server side only). */
export interface Principal {
  userId: string;
  userName: string;
  projectId: string;
  projectName: string;
  roles: string[];
  /** The projects the user may switch to. */
  projects: ProjectRef[];
  /** Keystone's token for the current project; never leaves the server. */
  token?: string;
  /** The token's service catalog (Keystone), for backends that find their endpoints there. */
  catalog?: KeystoneCatalog;
  /** Epoch milliseconds; the session ends then (token expiry or the session lifetime, whichever is first). */
  expiresAt: number;
}

export interface LoginOptions {
  /** A project name or id; the user's default (or first) project when absent. */
  project?: string;
  /** The user's domain name (Keystone). */
  domain?: string;
  /** The client's address, for throttling failed sign-ins ("unknown" when not known). */
  client?: string;
}

/**
 * Who may sign in and into what: the embedded local users or Keystone. Failures are IdentityErrors
 * (401 bad credentials, 403 no access to the project, 503 identity service unreachable).
 */
export interface IdentityProvider {
  readonly kind: IdentityKind;
  authenticate(username: string, password: string, options?: LoginOptions): Promise<Principal>;
  listProjects(principal: Principal): Promise<ProjectRef[]>;
  switchProject(principal: Principal, projectId: string): Promise<Principal>;
  /** The session's principal as it is now, or undefined when it is no longer valid (expired, revoked). */
  validate(principal: Principal): Promise<Principal | undefined>;
  /** Ends the session at the identity service (Keystone revokes the token). */
  logout(principal: Principal): Promise<void>;
}

export const isAdminPrincipal = (principal: Principal) => principal.roles.includes("admin");
