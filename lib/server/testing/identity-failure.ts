import "server-only";
import { isIdentityError } from "@/lib/server/auth/identity-error";

/** The identity error a call must fail with, as `{status, message}`; anything else fails the test. */
export const identityFailure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => {
      if (!isIdentityError(error)) throw error;
      return { status: error.status, message: error.message };
    },
  );
