import "server-only";
import { chmodSync, closeSync, mkdirSync, openSync } from "node:fs";
import { chmod, mkdir } from "node:fs/promises";

/**
 * Everything under the data directory is the server's alone: published logs (SYS logs hidden from
 * tenants among them), the object index, settings and the demo's log files. Directories are created
 * 0700 and files 0600 whatever the umask, so another user of the host reads none of it.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates the directory (and missing parents) 0700, and tightens it when it exists with looser
 * modes (a data directory from an older version): whatever lies below is then out of others' reach.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/** `ensurePrivateDir` for hot paths: creates missing directories 0700, leaves existing ones alone. */
export async function makePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/**
 * Creates the file empty (0600) when missing and makes it 0600 when it exists. For SQLite databases
 * before they are opened: SQLite gives the -wal and -shm files it creates the database file's mode.
 */
export function ensurePrivateFile(file: string): void {
  closeSync(openSync(file, "a", PRIVATE_FILE_MODE));
  chmodSync(file, PRIVATE_FILE_MODE);
}

/** Makes an existing file 0600 (after a write that may have created it with the umask's mode). */
export const tightenFile = (file: string) => chmod(file, PRIVATE_FILE_MODE);
