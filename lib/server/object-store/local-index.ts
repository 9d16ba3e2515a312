import "server-only";

import Database from "better-sqlite3";

import { ensurePrivateFile } from "@/lib/server/private-paths";

/** One object as stored in the index. `modified_us` is Unix microseconds, `delete_at` Unix seconds. */
export interface ObjectRow {
  account: string;
  container: string;
  name: string;
  blob: string;
  bytes: number;
  etag: string;
  content_type: string;
  modified_us: number;
  delete_at: number | null;
  metadata: string;
}

export type ListedRow = Pick<ObjectRow, "name" | "bytes" | "etag" | "content_type" | "modified_us">;

/** A bound on names in a range scan. */
export interface NameBound {
  value: string;
  inclusive: boolean;
}

// WITHOUT ROWID keeps rows in primary-key order, so listings are ordered range scans. The default
// BINARY collation compares UTF-8 bytes: Swift's listing order.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS containers (
  account TEXT NOT NULL,
  name TEXT NOT NULL,
  metadata TEXT NOT NULL,
  PRIMARY KEY (account, name)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS objects (
  account TEXT NOT NULL,
  container TEXT NOT NULL,
  name TEXT NOT NULL,
  blob TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  etag TEXT NOT NULL,
  content_type TEXT NOT NULL,
  modified_us INTEGER NOT NULL,
  delete_at INTEGER,
  metadata TEXT NOT NULL,
  PRIMARY KEY (account, container, name)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS objects_by_blob ON objects (blob);
CREATE INDEX IF NOT EXISTS objects_by_delete_at ON objects (delete_at) WHERE delete_at IS NOT NULL;
`;

const NOT_EXPIRED = "(delete_at IS NULL OR delete_at > @now)";

export function openIndexDatabase(file: string): Database.Database {
  ensurePrivateFile(file);
  const db = new Database(file, { timeout: 15_000 });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec(SCHEMA);
  return db;
}

/** The prepared statements of the local store's SQLite index. */
export function prepareIndex(db: Database.Database) {
  const scans = new Map<string, Database.Statement>();
  const key = "account = @account AND container = @container";
  return {
    db,
    getContainer: db.prepare<{ account: string; container: string }, { metadata: string }>(
      "SELECT metadata FROM containers WHERE account = @account AND name = @container",
    ),
    upsertContainer: db.prepare(
      `INSERT INTO containers (account, name, metadata) VALUES (@account, @container, @metadata)
       ON CONFLICT (account, name) DO UPDATE SET metadata = excluded.metadata`,
    ),
    deleteContainer: db.prepare("DELETE FROM containers WHERE account = @account AND name = @container"),
    containerStats: db.prepare<
      { account: string; container: string; now: number },
      { count: number; bytes: number | null }
    >(`SELECT count(*) AS count, sum(bytes) AS bytes FROM objects WHERE ${key} AND ${NOT_EXPIRED}`),
    hasLiveObject: db.prepare<{ account: string; container: string; now: number }, { one: number }>(
      `SELECT 1 AS one FROM objects WHERE ${key} AND ${NOT_EXPIRED} LIMIT 1`,
    ),
    getObject: db.prepare<{ account: string; container: string; name: string }, ObjectRow>(
      `SELECT * FROM objects WHERE ${key} AND name = @name`,
    ),
    upsertObject: db.prepare<ObjectRow>(
      `INSERT OR REPLACE INTO objects
         (account, container, name, blob, bytes, etag, content_type, modified_us, delete_at, metadata)
       VALUES (@account, @container, @name, @blob, @bytes, @etag, @content_type, @modified_us, @delete_at, @metadata)`,
    ),
    deleteObject: db.prepare(`DELETE FROM objects WHERE ${key} AND name = @name`),
    expiredInContainer: db.prepare<
      { account: string; container: string; now: number },
      { name: string; blob: string }
    >(`SELECT name, blob FROM objects WHERE ${key} AND delete_at <= @now`),
    expiredBatch: db.prepare<
      { now: number; limit: number },
      Pick<ObjectRow, "account" | "container" | "name" | "blob">
    >("SELECT account, container, name, blob FROM objects WHERE delete_at <= @now LIMIT @limit"),
    blobReferenced: db.prepare<[string], { one: number }>(
      "SELECT 1 AS one FROM objects WHERE blob = ? LIMIT 1",
    ),

    /** Live objects of a container between two bounds, in name order (descending when `reverse`). */
    scan(
      params: { account: string; container: string; now: number; limit: number },
      lower: NameBound | undefined,
      upper: NameBound | undefined,
      reverse: boolean,
    ): IterableIterator<ListedRow> {
      const lowerSql = lower ? `AND name ${lower.inclusive ? ">=" : ">"} @lower` : "";
      const upperSql = upper ? `AND name ${upper.inclusive ? "<=" : "<"} @upper` : "";
      const sql = `SELECT name, bytes, etag, content_type, modified_us FROM objects
        WHERE ${key} ${lowerSql} ${upperSql} AND ${NOT_EXPIRED}
        ORDER BY name ${reverse ? "DESC" : "ASC"} LIMIT @limit`;
      let statement = scans.get(sql);
      if (!statement) {
        statement = db.prepare(sql);
        scans.set(sql, statement);
      }
      const bound = { ...params, ...(lower && { lower: lower.value }), ...(upper && { upper: upper.value }) };
      return statement.iterate(bound) as IterableIterator<ListedRow>;
    },
  };
}

export type LocalIndex = ReturnType<typeof prepareIndex>;
