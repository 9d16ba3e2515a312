import "server-only";

import { isObjectStoreError, ObjectStoreError, OUT_OF_SPACE } from "./object-store";

/** Node's and SQLite's codes for "no room left", and how to say it. */
const NO_SPACE: Record<string, string> = {
  ENOSPC: "the disk of its data directory is full",
  EDQUOT: "the disk quota of its data directory is used up",
  SQLITE_FULL: "the disk of its data directory is full",
};

/**
 * The disk refuses reads or writes for another reason: read-only, permissions, I/O errors, no file
 * handles left, or the store's directories damaged (a file where a directory belongs, or gone).
 */
const DISK_TROUBLE =
  /^(EROFS|EACCES|EPERM|EIO|EMFILE|ENFILE|ENOTDIR|EISDIR|ENOENT|SQLITE_(READONLY|IOERR|CANTOPEN|CORRUPT|NOTADB))/;

/**
 * The store's failure for a disk error: out of space is Swift's 507, other disk trouble 503. Node's
 * messages name the file (`ENOSPC: no space left on device, open '/…/tmp/…'`): that goes to
 * `detail` (the server log) only. Anything else passes through unchanged.
 */
export function diskFailure(error: unknown): unknown {
  if (isObjectStoreError(error)) return error;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== "string") return error;
  const detail = (error as Error).message;
  const noSpace = NO_SPACE[code];
  if (noSpace) return new ObjectStoreError(507, `${OUT_OF_SPACE}: ${noSpace}`, detail);
  if (DISK_TROUBLE.test(code)) {
    return new ObjectStoreError(503, `The object store cannot use its disk (${code})`, detail);
  }
  return error;
}
