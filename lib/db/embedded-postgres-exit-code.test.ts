// embedded-postgres ends every process that loads it through async-exit-hook, which answers the
// natural end of a process ('beforeExit') with process.exit(0): a test runner's exit status 1
// became 0, so a failing suite passed CI. The status a process set must survive.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const tsx = path.resolve("node_modules/.bin/tsx");

const embeddedModule = path.resolve("lib/db/embedded-postgres.ts");

/** Runs `body` after loading the module, in a process of its own; its exit status. */
async function exitStatusOf(body: string): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hl-exit-"));
  const script = path.join(dir, "script.mts");
  fs.writeFileSync(script, `await import(${JSON.stringify(embeddedModule)});\n${body}\n`);
  try {
    await run(tsx, ["--conditions=react-server", script], { cwd: path.resolve("."), timeout: 60_000 });
    return 0;
  } catch (err) {
    const e = err as { code?: number; stderr?: string };
    if (typeof e.code !== "number") throw err;
    if (e.stderr?.includes("Error")) throw new Error(e.stderr);
    return e.code;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("a process that loads the embedded PostgreSQL", () => {
  it("ends with the exit status it set, not 0", async () => {
    expect(await exitStatusOf("process.exitCode = 3; setTimeout(() => {}, 10);")).toBe(3);
  });

  it("still ends with 0 when nothing failed", async () => {
    expect(await exitStatusOf("")).toBe(0);
  });
});
