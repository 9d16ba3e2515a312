import { writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeWorkspace } from "@/lib/server/testing/engine-fixture";
import { readLive } from "./live-read";

let workspace: ReturnType<typeof makeWorkspace>;
let file: string;
beforeEach(() => {
  workspace = makeWorkspace();
  file = `${workspace.dir}/live.log`;
});
afterEach(() => workspace.cleanup());

describe("live lines read from the file", () => {
  it("answers the complete lines from the published end, the unfinished one waits", async () => {
    writeFileSync(file, "published\nnew one\nnew two\nhalf");
    const live = await readLive(file, 10, 31);
    expect(live).toEqual({ from: 10, to: 26, text: "new one\nnew two\n", skipped: false });
  });

  it("reads only the newest bytes when more are live than one read holds, from a whole line", async () => {
    const lines = Array.from({ length: 1000 }, (_, index) => `line ${String(index).padStart(4, "0")}\n`);
    writeFileSync(file, lines.join(""));
    const size = lines.join("").length;
    const live = await readLive(file, 0, size, 100);
    expect(live.skipped).toBe(true);
    expect(live.to).toBe(size);
    expect(live.text.split("\n").filter(Boolean)).toEqual(lines.slice(-9).map((line) => line.trim()));
    expect(live.text.length).toBeLessThanOrEqual(100);
  });

  it("keeps bytes exactly (CRLF and UTF-8 pass through)", async () => {
    writeFileSync(file, "Łódź\r\n日本\r\n");
    const live = await readLive(file, 0, Buffer.byteLength("Łódź\r\n日本\r\n"));
    expect(live.text).toBe("Łódź\r\n日本\r\n");
  });

  it("answers nothing when nothing is live", async () => {
    writeFileSync(file, "a\n");
    expect(await readLive(file, 2, 2)).toEqual({ from: 2, to: 2, text: "", skipped: false });
  });
});
