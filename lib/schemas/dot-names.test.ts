import { describe, expect, it } from "vitest";
import { instanceIdSchema } from "./instance";
import { logActionBodySchema, logNameSchema } from "./log";
import { logParamsSchema } from "./route-params";

// `.` and `..` are "this directory" and "the parent" to anything that builds a path or a URL from
// a name; no Trove id or log name is either.
describe("'.' and '..' as names", () => {
  it.each([".", ".."])("are refused as instance id and log name: %s", (name) => {
    expect(instanceIdSchema.safeParse(name).error?.issues[0]?.message).toBe(
      "instance id must not be '.' or '..'",
    );
    expect(logNameSchema.safeParse(name).error?.issues[0]?.message).toBe("log name must not be '.' or '..'");
    expect(logParamsSchema.safeParse({ id: name, name: "general" }).success).toBe(false);
    expect(logActionBodySchema.safeParse({ name, publish: 1 }).success).toBe(false);
  });

  it.each(["...", ".hidden", "a..b", "mysql-general.log", "1be17492-d163-4b5e-b1a3-ae0ab1d98d3a"])(
    "names with dots that are not path steps pass: %s",
    (name) => {
      expect(instanceIdSchema.parse(name)).toBe(name);
      expect(logNameSchema.parse(name)).toBe(name);
    },
  );
});
