import { describe, expect, it } from "vitest";
import { withoutInternals } from "./error-reference";

describe("withoutInternals", () => {
  it.each([
    [
      "Keystone (http://10.0.0.5:5000/v3) is unreachable (connect ECONNREFUSED 10.0.0.5:5000). Try again later.",
      "Keystone is unreachable (connect ECONNREFUSED [internal address]). Try again later.",
    ],
    ["Trove at https://trove.internal:8779/v1.0/p1 failed", "Trove at [internal address] failed"],
    ["connect ECONNREFUSED ::1:5433", "connect ECONNREFUSED [internal address]"],
    ["proxy [fd00::17]:8080 said no", "proxy [internal address] said no"],
    ["db01.cloud.example:3306 went away", "[internal address] went away"],
    [
      "Cannot publish log file '/var/lib/mysql/data/general.log' as it does not exist.",
      "Cannot publish log file '[path]' as it does not exist.",
    ],
    ["connect ENOENT /var/run/mysqld/mysqld.sock", "connect ENOENT [path]"],
  ])("%s", (text, shown) => {
    expect(withoutInternals(text)).toBe(shown);
  });

  it.each([
    "Log 'general' is not defined.",
    "Swift did not answer within 30 s",
    "Content-Type must be application/json",
    "The object store is out of space: the disk of its data directory is full.",
    "Object database_logs/1be17492-d163/mysql-general/log-2026-11-25T14:03:12.123456 not found",
    "Published at 14:03:12, 8.0.36",
  ])("leaves a message without internals as it is: %s", (text) => {
    expect(withoutInternals(text)).toBe(text);
  });
});
