import "server-only";
import type { ErrorCode } from "@/lib/schemas/api-error";
import type { ObjectStoreError } from "@/lib/server/object-store/object-store";

/** A failure as the API answers it, before the last check of its message (errors.ts). */
export interface Failure {
  status: number;
  code: ErrorCode;
  message: string;
  /** For the server log only (see lib/server/error-reference.ts). */
  detail?: string;
  /** Already logged under this reference. */
  reference?: string;
  headers?: Record<string, string>;
  /** Shown to admins as `detail` (see PublicError.adminDetail in errors.ts). */
  adminDetail?: string;
}

const unavailable = (message: string, error: ObjectStoreError): Failure => ({
  status: 503,
  code: "service_unavailable",
  message,
  detail: error.detail,
});

/**
 * What an object-store failure means to the person who asked. The store here is the service's own
 * (the local store, or Swift with Trove Logs' credentials): a 401/403 is then the deployment's
 * problem, not the caller's (503). Reads with the caller's own token (the openstack backend) give
 * their 401/403 a meaning of their own first (lib/server/backend/user-swift-store.ts).
 */
export function storeFailure(error: ObjectStoreError): Failure {
  switch (error.status) {
    case 404:
      // Readers and publishes handle the 404s they expect (nothing published yet, a new container); one
      // that gets here means objects the log's state counts on are gone: expired or deleted under us.
      return {
        status: 404,
        code: "not_found",
        message:
          "The log's published copy is gone from the object store (expired or deleted): publish the log again.",
      };
    case 416:
      return { status: 416, code: "range_not_satisfiable", message: error.message };
    case 507:
      // The stored objects stay whole (each one is stored whole or not at all): the next publish
      // continues where they end.
      return {
        status: 507,
        code: "insufficient_storage",
        message: `${error.message}. What was published is kept; publish again once space is freed.`,
        detail: error.detail,
      };
    case 401:
      return unavailable(
        "The object store did not accept Trove Logs' own credentials: an administrator must check them.",
        error,
      );
    case 403:
      return unavailable(
        "The object store refused Trove Logs access to this project's storage: its credentials need the " +
          "right to write every project's account (Swift's ResellerAdmin role).",
        error,
      );
    default:
      // The local store's own messages say "The object store …" already; Swift's say "Swift …".
      return unavailable(
        error.message.startsWith("The object store")
          ? error.message
          : `The object store could not complete the request: ${error.message}`,
        error,
      );
  }
}
