import { z } from "zod";

/** The closed set of error codes every API answer uses; each has one HTTP status (lib/server/http/errors.ts). */
export const errorCodeSchema = z.enum([
  "bad_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "method_not_allowed",
  "conflict",
  "payload_too_large",
  "range_not_satisfiable",
  "too_many_requests",
  "internal",
  "service_unavailable",
  "insufficient_storage",
]);
export const ERROR_CODES = errorCodeSchema.options;
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/**
 * The one error shape every API route answers with. `detail`: for admins only, an upstream service's
 * whole answer when it says more than `message` (a real Trove's guest traceback).
 */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    reference: z.string().optional(),
    detail: z.string().optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;
