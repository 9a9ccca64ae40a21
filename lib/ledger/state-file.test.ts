import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { readStateFile, writeDurably } from "./state-file";

const ZState = z.object({ version: z.literal(1), n: z.number() });
let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "hl-state-"));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe("state files", () => {
  it("read as empty only when there is no file; a damaged or foreign file is an error", async () => {
    const file = path.join(dir, "a.json");
    expect(await readStateFile(file, ZState, () => ({ version: 1 as const, n: 0 }), "test state")).toEqual({
      version: 1,
      n: 0,
    });
    for (const text of ["{not json", '{"version":2,"n":1}', ""]) {
      await fs.writeFile(file, text);
      await expect(readStateFile(file, ZState, () => ({ version: 1 as const, n: 0 }), "test state")).rejects.toThrow(
        /test state .* is not in the expected format/,
      );
    }
  });

  it("are replaced whole, owner-only, leaving no temporary file behind", async () => {
    const file = path.join(dir, "b.json");
    await writeDurably(file, JSON.stringify({ version: 1, n: 1 }));
    await writeDurably(file, JSON.stringify({ version: 1, n: 2 }));
    expect(await readStateFile(file, ZState, () => ({ version: 1 as const, n: 0 }), "test state")).toEqual({
      version: 1,
      n: 2,
    });
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    expect((await fs.readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});
