import "server-only";
import { describe, expect, it } from "vitest";
import {
  createLogGenerator,
  DEMO_LOG_KINDS,
  generateLogText,
  seededRandom,
  type DemoLogKind,
} from "./line-generators";

const T0 = Date.UTC(2026, 10, 25, 14, 3, 12, 123);
const MINUTE = 60_000;

function generator(kind: DemoLogKind, seed: number) {
  return createLogGenerator(kind, { random: seededRandom(seed), instanceId: "inst-1", datastore: "mysql" });
}

function text(kind: DemoLogKind, minutes: number, seed = 1): string {
  return generateLogText(generator(kind, seed), T0, T0 + minutes * MINUTE);
}

/** Minutes that give each kind plenty of records without slowing the suite. */
const SPAN: Record<DemoLogKind, number> = {
  "mysql-general": 3,
  "mariadb-general": 3,
  "postgresql-general": 3,
  "mysql-slow": 30,
  "mariadb-slow": 30,
  "mysql-error": 240,
  "mariadb-error": 240,
  guest: 180,
};

const MYSQL_TS = String.raw`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z`;
const COMMANDS = "(Query|Connect|Quit|Init DB|Prepare|Execute|Close stmt)";

/** What every line of a kind looks like, after its header: a record, or a record's continuation. */
const LINE: Record<DemoLogKind, RegExp> = {
  "mysql-general": new RegExp(`^${MYSQL_TS}\\t {0,4}\\d+ ${COMMANDS}\\t`),
  "mariadb-general": new RegExp(`^(\\d{6} [ \\d]\\d:\\d\\d:\\d\\d|\\t)\\t {0,5}\\d+ ${COMMANDS}\\t`),
  "mysql-slow": /^(# (Time|User@Host|Query_time): |SET timestamp=\d+;$|use shop;$|[A-Z ].*)/,
  "mariadb-slow": /^(# (Time|User@Host|Thread_id|Query_time|Rows_affected): |SET timestamp=\d+;$|[A-Z ].*)/,
  "mysql-error": new RegExp(
    // InnoDB's deadlock dump continues on lines of its own.
    `^(${MYSQL_TS} \\d+ \\[(System|Note|Warning|ERROR)\\] \\[MY-\\d{6}\\] \\[(Server|InnoDB|Repl)\\] |(?!\\d{4}-)\\S)`,
  ),
  "mariadb-error": /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \d+ \[(Note|Warning|ERROR)\] |Version: )/,
  "postgresql-general":
    /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC \[\d+\] (LOG|ERROR|DETAIL|STATEMENT|WARNING|FATAL): {2}\S|\t)/,
  guest: /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \d+ (DEBUG|INFO|WARNING|ERROR) [\w.]+ /,
};

/** Where each kind prints its time, and how to read it (UTC). */
const MARIADB_SHORT = String.raw`\d{6} [ \d]\d:\d\d:\d\d`;
const TIME: Record<DemoLogKind, RegExp> = {
  "mysql-general": new RegExp(`^(${MYSQL_TS})`),
  "mysql-error": new RegExp(`^(${MYSQL_TS})`),
  "mysql-slow": new RegExp(`^# Time: (${MYSQL_TS})`),
  "mariadb-general": new RegExp(`^(${MARIADB_SHORT})\t`),
  "mariadb-slow": new RegExp(`^# Time: (${MARIADB_SHORT})$`),
  "mariadb-error": /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) /,
  "postgresql-general": /^(\S+ \S+) UTC /,
  guest: /^(\S+ \S+) \d+ /,
};

function parseTime(stamp: string): number {
  const short = /^(\d\d)(\d\d)(\d\d) ([ \d]\d):(\d\d):(\d\d)$/.exec(stamp);
  if (short) {
    const [, yy, mo, dd, hh, mi, ss] = short.map(Number) as number[];
    return Date.UTC(2000 + yy!, mo! - 1, dd, hh, mi, ss);
  }
  return Date.parse(stamp.endsWith("Z") ? stamp : `${stamp.replace(" ", "T")}Z`);
}

const HEADER_LINES: Partial<Record<DemoLogKind, number>> = {
  "mysql-general": 3,
  "mariadb-general": 3,
  "mysql-slow": 3,
  "mariadb-slow": 3,
};

describe.each(DEMO_LOG_KINDS)("%s", (kind) => {
  const sample = text(kind, SPAN[kind]);
  const lines = sample.slice(0, -1).split("\n");

  it("is UTF-8 text with LF line ends, ending in a newline", () => {
    expect(new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(sample, "utf8"))).toBe(sample);
    expect(sample).not.toContain("\r");
    expect(sample.endsWith("\n")).toBe(true);
    expect(lines.length).toBeGreaterThan(10);
  });

  it("starts with its header", () => {
    const header = generator(kind, 1).header(T0);
    expect(header.length).toBeGreaterThan(0);
    expect(header.endsWith("\n")).toBe(true);
    expect(sample.startsWith(header)).toBe(true);
  });

  it("looks like the real format on every line", () => {
    const body = lines.slice(HEADER_LINES[kind] ?? 0);
    const odd = body.filter((line) => !LINE[kind].test(line));
    expect(odd).toEqual([]);
  });

  it("never goes back in time", () => {
    const stamps = lines
      .map((line) => TIME[kind].exec(line)?.[1])
      .filter((stamp): stamp is string => stamp !== undefined)
      .map(parseTime);
    expect(stamps.every((stamp) => Number.isFinite(stamp))).toBe(true);
    expect(stamps.length).toBeGreaterThan(3);
    for (let i = 1; i < stamps.length; i += 1)
      expect(stamps[i]).toBeGreaterThanOrEqual(stamps[i - 1] as number);
  });

  it("is reproducible from a seed", () => {
    expect(text(kind, 1, 42)).toBe(text(kind, 1, 42));
    expect(text(kind, 1, 42)).not.toBe(text(kind, 1, 43));
  });
});

describe("content", () => {
  it("MySQL 8's general log has the real header and mixes in non-ASCII literals", () => {
    const sample = text("mysql-general", 3);
    expect(sample).toMatch(
      /^\/usr\/sbin\/mysqld, Version: 8\.0\.36 \(MySQL Community Server - GPL\)\. started with:\nTcp port: 3306 {2}Unix socket: \/var\/run\/mysqld\/mysqld\.sock\nTime {17}Id Command {4}Argument\n/,
    );
    expect(sample).toMatch(/\t {3}\d\d Query\tSELECT /);
    expect(sample).toMatch(/ Connect\tapp@10\.0\.\d+\.\d+ on shop using TCP\/IP\n/);
    expect(sample).toMatch(/ Quit\t\n/);
    expect(sample).toMatch(/[éüö]/);
    expect(sample).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(sample).toMatch(/\p{Extended_Pictographic}/u);
  });

  it("MariaDB's general log prints the time only when the second changes", () => {
    const sample = text("mariadb-general", 1);
    expect(sample).toMatch(
      /^\/usr\/sbin\/mariadbd, Version: 10\.11\.6-MariaDB\S*-log \(mariadb\.org binary distribution\)/,
    );
    expect(sample).toContain("Time\t\t    Id Command\tArgument\n");
    expect(sample).toMatch(/\n261125 14:03:\d\d\t +\d+ \w+/);
    expect(sample).toMatch(/\n\t\t +\d+ Query\t/);
  });

  it("MySQL's slow log has complete entries", () => {
    const sample = text("mysql-slow", 30);
    expect(sample).toMatch(
      /# Time: \S+Z\n# User@Host: \w+\[\w+\] @ {2}\[10\.0\.\d+\.\d+\] {2}Id: +\d+\n# Query_time: \d+\.\d{6} {2}Lock_time: \d+\.\d{6} Rows_sent: \d+ {2}Rows_examined: \d+\n(use shop;\n)?SET timestamp=\d{10};\n(SELECT|UPDATE)[^;]*\n[^;]*;\n/,
    );
  });

  it("MySQL's error log starts like a server start and reports warnings and errors", () => {
    const sample = text("mysql-error", 240);
    expect(sample).toMatch(
      /^\S+Z 0 \[System\] \[MY-010116\] \[Server\] \/usr\/sbin\/mysqld \(mysqld 8\.0\.36\) starting as process 1\n/,
    );
    expect(sample).toContain("ready for connections");
    expect(sample).toMatch(/\[Warning\] \[MY-\d{6}\]/);
    expect(sample).toMatch(/\[Note\] \[MY-010914\] \[Server\] Aborted connection \d+ to db: 'shop'/);
  });

  it("PostgreSQL logs statements, durations, checkpoints and errors with their detail", () => {
    const sample = text("postgresql-general", 12);
    expect(sample).toMatch(/^\S+ \S+ UTC \[1\] LOG: {2}starting PostgreSQL 15\.6 /);
    expect(sample).toMatch(/ UTC \[\d+\] LOG: {2}statement: SELECT /);
    expect(sample).toMatch(/ LOG: {2}duration: \d+\.\d{3} ms\n/);
    expect(sample).toMatch(/ LOG: {2}checkpoint starting: time\n/);
    expect(sample).toMatch(/ LOG: {2}checkpoint complete: wrote \d+ buffers/);
    expect(sample).toMatch(/ LOG: {2}connection authorized: user=\w+ database=shop/);
    expect(sample).toMatch(
      /\[(\d+)\] ERROR: {2}duplicate key value violates unique constraint "customers_email_key"\n.*\[\1\] DETAIL: {2}Key \(email\)=\(\S+\) already exists\.\n.*\[\1\] STATEMENT: {2}INSERT INTO customers/,
    );
    expect(sample).toMatch(/ WARNING: {2}there is no transaction in progress\n/);
    expect(sample).toMatch(/\n\tFROM orders o\n/);
  });

  it("the guest agent writes oslo.log records, with a traceback on every line of an error", () => {
    const sample = text("guest", 180);
    expect(sample).toMatch(
      / \d+ INFO trove\.guestagent\.datastore\.manager \[req-[0-9a-f-]{36} - - - - -\] /,
    );
    expect(sample).toMatch(
      / DEBUG oslo_service\.periodic_task \[-\] Running periodic task Manager\.update_status run_periodic_tasks \S+\.py:\d+\n/,
    );
    expect(sample).toMatch(/ WARNING trove\./);
    const traceback =
      /(\S+ \S+ \d+) ERROR (\S+) \[req-[^\]]+\] .*\n\1 ERROR \2 Traceback \(most recent call last\):\n(\1 ERROR \2 .*\n)+/;
    expect(sample).toMatch(traceback);
  });
});
