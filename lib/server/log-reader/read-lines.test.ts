import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  appendLog,
  logFile,
  makeEngine,
  makeWorkspace,
  MEMBER,
  MYSQL,
  writeLog,
} from "@/lib/server/testing/engine-fixture";
import { readLines } from "./read-lines";

let workspace: ReturnType<typeof makeWorkspace>;
const general = () => logFile(workspace.dir, "mysql", "general");
const numbered = (count: number, from = 1) =>
  Array.from({ length: count }, (_, i) => `line ${from + i}\n`).join("");

async function publish(content: string | Buffer, limit = 50) {
  writeLog(general(), content);
  return republish(limit);
}
async function republish(limit = 50) {
  const engine = makeEngine(workspace, { limit });
  await engine.logAction(MEMBER, MYSQL, { name: "general", publish: true });
  return engine.locatePublished(MEMBER, MYSQL, "general");
}

beforeEach(() => {
  workspace = makeWorkspace();
});
afterEach(async () => workspace.cleanup());

describe("lines for the viewer", () => {
  it("reads a window by line number across objects, with exact numbers", async () => {
    const log = await publish(numbered(1000));
    const window = await readLines(log, { fromLine: 498, count: 5 });
    expect(window).toMatchObject({ first_line: 498, total_lines: 1000, last_line_complete: true });
    expect(window.lines).toEqual(["line 498", "line 499", "line 500", "line 501", "line 502"]);
    expect((await readLines(log, { fromLine: 1, count: 2 })).lines).toEqual(["line 1", "line 2"]);
    expect((await readLines(log, { fromLine: 1001, count: 2 })).lines).toEqual([]);
  });

  it("opens at the end with the last lines, counting an unfinished last line", async () => {
    const log = await publish(numbered(300) + "partial\r");
    const tail = await readLines(log, { tail: 3, count: 500 });
    expect(tail).toMatchObject({ first_line: 299, total_lines: 301, last_line_complete: false });
    expect(tail.lines).toEqual(["line 299", "line 300", "partial"]);
  });

  it("strips CR, shows invalid UTF-8 as replacement characters, and cuts giant lines", async () => {
    const content = Buffer.concat([
      Buffer.from("a\r\n"),
      Buffer.from([0x62, 0xff, 0x0a]),
      Buffer.from("x".repeat(70_000) + "\nend\n"),
    ]);
    const log = await publish(content, 1_000_000);
    const { lines } = await readLines(log, { fromLine: 1, count: 10 });
    expect(lines[0]).toBe("a");
    expect(lines[1]).toBe("b\uFFFD");
    expect(lines[2]).toMatch(/^x{65536} … \(4464 more bytes\)$/);
    expect(lines[3]).toBe("end");
  });

  it("sees newly published lines (the index follows the published size)", async () => {
    await publish(numbered(10));
    appendLog(general(), numbered(5, 11));
    const log = await republish();
    expect(await readLines(log, { fromLine: 11, count: 10 })).toMatchObject({
      total_lines: 15,
      lines: numbered(5, 11).trim().split("\n"),
    });
  });
});
