import { describe, expect, it } from "vitest";
import { attachmentDisposition, downloadFileName } from "./download-name";

describe("downloadFileName", () => {
  it("names the instance, the log and the UTC time", () => {
    const at = new Date("2026-12-02T06:15:00.123Z");
    expect(downloadFileName("orders-db", "general", at)).toBe("orders-db-general-20261202T061500Z.log");
  });

  it("replaces what is unsafe in a file name with '_'", () => {
    const at = new Date("2026-01-05T23:04:09Z");
    expect(downloadFileName('prod/db 1;"x"é', "slow_query", at)).toBe(
      "prod_db_1__x__-slow_query-20260105T230409Z.log",
    );
    expect(downloadFileName("../..", "a\\b", at)).toBe(".._..-a_b-20260105T230409Z.log");
  });
});

describe("attachmentDisposition", () => {
  it("carries the name as filename and filename*", () => {
    expect(attachmentDisposition("orders-db-general-20261202T061500Z.log")).toBe(
      'attachment; filename="orders-db-general-20261202T061500Z.log"; ' +
        "filename*=UTF-8''orders-db-general-20261202T061500Z.log",
    );
  });
});
