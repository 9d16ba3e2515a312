import { describe, expect, it } from "vitest";
import { chooseFormat, lineSeverity, lineTime, startsEntry, timeCarrier } from "./index";

const at = (iso: string) => Date.parse(iso);

describe("chooseFormat", () => {
  it("knows each datastore's logs and the guest agent's", () => {
    expect(chooseFormat("mysql", "general")).toBe("mysql-general");
    expect(chooseFormat("mariadb", "slow_query")).toBe("mysql-slow");
    expect(chooseFormat("percona", "error")).toBe("mysql-error");
    expect(chooseFormat("postgresql", "general")).toBe("postgresql");
    expect(chooseFormat("postgresql", "guest")).toBe("oslo");
    expect(chooseFormat("MySQL", "guest")).toBe("oslo");
    expect(chooseFormat("mongodb", "general")).toBe("unknown");
    expect(chooseFormat("mysql", "audit")).toBe("unknown");
  });
});

describe("MySQL / MariaDB general log", () => {
  const f = "mysql-general" as const;
  it("reads MySQL 8's UTC time with microseconds, and a local offset", () => {
    expect(lineTime(f, "2026-11-30T10:00:00.123456Z\t   42 Query\tSELECT 1")).toBe(
      at("2026-11-30T10:00:00.123Z"),
    );
    expect(lineTime(f, "2026-11-30T10:00:00.500000+01:00\t   42 Query\tSELECT 1")).toBe(
      at("2026-11-30T09:00:00.5Z"),
    );
  });
  it("reads MariaDB's YYMMDD time and carries it to the lines of the same second", () => {
    const lines = [
      "201130 10:00:00\t   42 Query\tSELECT 1",
      "\t\t   42 Query\tSELECT 2",
      "  FROM t",
      "201130 10:00:01\t   43 Quit\t",
    ];
    expect(lineTime(f, lines[1]!)).toBeUndefined();
    const carry = timeCarrier(f);
    expect(lines.map(carry)).toEqual([
      at("2020-11-30T10:00:00Z"),
      at("2020-11-30T10:00:00Z"),
      at("2020-11-30T10:00:00Z"),
      at("2020-11-30T10:00:01Z"),
    ]);
  });
  it("starts an entry at each command, not at a statement's continuation lines", () => {
    expect(startsEntry(f, "201130 10:00:00\t   42 Query\tSELECT 1")).toBe(true);
    expect(startsEntry(f, "\t\t   42 Query\tSELECT 2")).toBe(true);
    expect(startsEntry(f, "\t\t   43 Init DB\tshop")).toBe(true);
    expect(startsEntry(f, "  FROM orders WHERE id = 1")).toBe(false);
    expect(
      startsEntry(f, "/usr/sbin/mariadbd, Version: 10.11.6-MariaDB-0+deb12u1-log (Debian 12). started with:"),
    ).toBe(true);
    expect(startsEntry(f, "Time\t\t    Id Command\tArgument")).toBe(true); // MariaDB
    expect(startsEntry(f, "Time                 Id Command    Argument")).toBe(true);
    expect(lineSeverity(f, "2026-11-30T10:00:00.123456Z\t   42 Query\tSELECT 'ERROR'")).toBeUndefined();
  });
});

describe("slow query log", () => {
  const f = "mysql-slow" as const;
  const block = [
    "# Time: 201130 10:00:05",
    "# User@Host: shop[shop] @ localhost []",
    "# Query_time: 2.000123  Lock_time: 0.000010 Rows_sent: 1  Rows_examined: 100000",
    "SET timestamp=1606730403;",
    "SELECT *",
    "  FROM orders;",
    "# User@Host: shop[shop] @ localhost []",
    "# Query_time: 1.5  Lock_time: 0 Rows_sent: 1  Rows_examined: 1",
    "SET timestamp=1606730404;",
    "SELECT 2;",
  ];
  it("reads `# Time:` headers (both styles) and SET timestamp", () => {
    expect(lineTime(f, block[0]!)).toBe(at("2020-11-30T10:00:05Z"));
    expect(lineTime(f, "# Time: 2026-11-30T10:00:00.123456Z")).toBe(at("2026-11-30T10:00:00.123Z"));
    expect(lineTime(f, block[3]!)).toBe(1606730403000);
    expect(lineTime(f, block[4]!)).toBeUndefined();
  });
  it("keeps blocks whole: header, User@Host without header, never the statement lines", () => {
    const starts = block.map((line, i) => startsEntry(f, line, block[i - 1]));
    expect(starts).toEqual([true, false, false, false, false, false, true, false, false, false]);
  });
  it("never moves back to a query's start time inside an entry", () => {
    const carry = timeCarrier(f);
    expect(block.map(carry).every((t) => t === at("2020-11-30T10:00:05Z"))).toBe(true);
  });
});

describe("error log", () => {
  const f = "mysql-error" as const;
  it("reads MySQL 8's and MariaDB's prefixes and severities", () => {
    const mysql =
      "2026-11-30T10:00:00.123456Z 0 [Warning] [MY-010068] [Server] CA certificate is self signed.";
    expect(lineTime(f, mysql)).toBe(at("2026-11-30T10:00:00.123Z"));
    expect(lineSeverity(f, mysql)).toBe("warning");
    expect(lineSeverity(f, "2026-11-30T10:00:00.1Z 0 [System] [MY-010116] [Server] starting")).toBe("notice");
    const maria = "2026-11-30 10:00:00 0 [ERROR] InnoDB: Unable to lock ./ibdata1";
    expect(lineTime(f, maria)).toBe(at("2026-11-30T10:00:00Z"));
    expect(lineSeverity(f, maria)).toBe("error");
    expect(lineSeverity(f, "2026-11-30 10:00:00 0 [Note] Server socket created")).toBe("info");
    expect(lineSeverity(f, "201130 10:00:00 [Warning] old style")).toBe("warning");
    expect(lineTime(f, "201130  1:02:03 [Note] space-padded hour")).toBe(at("2020-11-30T01:02:03Z"));
  });
  it("keeps a crash's stack trace with the entry above", () => {
    expect(startsEntry(f, "2026-11-30 10:00:00 0 [ERROR] mysqld got signal 11 ;")).toBe(true);
    expect(startsEntry(f, "stack_bottom = 0x0 thread_stack 0x49000")).toBe(false);
    expect(startsEntry(f, "/usr/sbin/mariadbd(my_print_stacktrace+0x2e)[0x55d0]")).toBe(false);
    expect(lineSeverity(f, "/usr/sbin/mariadbd(handle_fatal_signal+0x3f)[0x55d0]")).toBeUndefined();
  });
});

describe("PostgreSQL", () => {
  const f = "postgresql" as const;
  it("reads the default prefix with its zone, and common prefixes", () => {
    expect(lineTime(f, "2026-11-30 10:00:00.123 UTC [1234] LOG:  statement: SELECT 1")).toBe(
      at("2026-11-30T10:00:00.123Z"),
    );
    expect(lineTime(f, "2026-11-30 11:00:00.123 CET [1234] LOG:  checkpoint starting")).toBe(
      at("2026-11-30T10:00:00.123Z"),
    );
    expect(lineTime(f, "2026-11-30 12:00:00 +02 [1234]: [3-1] user=shop,db=orders LOG:  x")).toBe(
      at("2026-11-30T10:00:00Z"),
    );
    expect(lineTime(f, "[1234] shop@orders 2026-11-30 10:00:00.5 UTC ERROR:  boom")).toBe(
      at("2026-11-30T10:00:00.5Z"),
    );
    expect(lineTime(f, "1764496800.250 [1234] LOG:  epoch prefix")).toBe(1764496800250);
  });
  it("maps levels onto the shared scale; DETAIL and friends continue the entry", () => {
    const line = (level: string) => `2026-11-30 10:00:00.123 UTC [1234] ${level}:  text`;
    expect(
      ["DEBUG2", "INFO", "LOG", "NOTICE", "WARNING", "ERROR", "FATAL", "PANIC"].map((l) =>
        lineSeverity(f, line(l)),
      ),
    ).toEqual(["debug", "info", "info", "notice", "warning", "error", "critical", "critical"]);
    expect(startsEntry(f, line("ERROR"))).toBe(true);
    expect(startsEntry(f, line("DETAIL"))).toBe(false);
    expect(startsEntry(f, line("STATEMENT"))).toBe(false);
    expect(startsEntry(f, "\tFROM orders")).toBe(false);
    expect(lineSeverity(f, "\tWHERE note = 'ERROR:  x'")).toBeUndefined();
    expect(
      lineSeverity(
        f,
        "2026-11-30 10:00:00.123 UTC [1234] LOG:  duration: 12 ms  statement: SELECT 'ERROR:  x'",
      ),
    ).toBe("info");
  });
});

describe("Trove guest agent (oslo.log)", () => {
  const f = "oslo" as const;
  const line =
    "2026-12-01 20:43:44.542 16701 INFO trove.guestagent.datastore.manager [-] Processing guest log 'guest'";
  it("reads time and severity", () => {
    expect(lineTime(f, line)).toBe(at("2026-12-01T20:43:44.542Z"));
    expect(lineSeverity(f, line)).toBe("info");
    expect(lineSeverity(f, line.replace(" INFO ", " CRITICAL "))).toBe("critical");
  });
  it("keeps a traceback (prefixed by oslo or printed bare) with the entry that logged it", () => {
    const error =
      "2026-12-01 20:43:45.001 16701 ERROR trove.guestagent.x [req-1 - - - - -] Failed to publish";
    expect(startsEntry(f, error)).toBe(true);
    expect(
      startsEntry(
        f,
        "2026-12-01 20:43:45.001 16701 ERROR trove.guestagent.x Traceback (most recent call last):",
      ),
    ).toBe(false);
    expect(startsEntry(f, '  File "/usr/lib/python3/dist-packages/trove/x.py", line 1, in y')).toBe(false);
  });
});

describe("unknown formats", () => {
  it("still find an ISO time at the start, and treat each line as an entry", () => {
    expect(lineTime("unknown", "2026-11-30T10:00:00Z something")).toBe(at("2026-11-30T10:00:00Z"));
    expect(lineTime("unknown", "no time here")).toBeUndefined();
    expect(startsEntry("unknown", "  indented")).toBe(true);
  });
});
