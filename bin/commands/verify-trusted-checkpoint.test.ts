import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { createLedgerPool } from "@/lib/ledger/ledger-pool";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { appendAccessEvents } from "@/lib/ledger/testing/ledger-fixtures";
import { signCheckpoint } from "@/lib/ledger/tlog/checkpoint";
import { generateSignerKey, parseSignerKey } from "@/lib/ledger/tlog/note";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { TEST_ENV } from "@/test/test-env";

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hl-trusted-"));
let live: TTestDatabase;
let rebuilt: TTestDatabase;
const notes: Record<string, string> = {};

function file(name: string, text: string) {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}

async function verify(db: TTestDatabase, note: string) {
  try {
    const { stdout } = await run(
      "node_modules/.bin/tsx",
      ["--conditions=react-server", "bin/healthledger.ts", "verify", "--json", "--trusted-checkpoint", note],
      { env: { ...process.env, DATABASE_URL: db.url } },
    );
    return { code: 0, out: JSON.parse(stdout) };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, out: JSON.parse(e.stdout) };
  }
}
const codes = (out: { findings: { code: string }[] }) => out.findings.map((f) => f.code);

beforeAll(async () => {
  // The live ledger: a checkpoint was kept at 40 entries, and it grew to 70 since.
  live = await createTestDatabase();
  const pool = createLedgerPool(live.url, 2);
  await appendAccessEvents(pool, 40);
  notes.at40 = (await sealPending({ pool })).lastBlock!.checkpoint;
  await appendAccessEvents(pool, 30, 100);
  notes.at70 = (await sealPending({ pool })).lastBlock!.checkpoint;
  await pool.end();
  // A ledger rebuilt from a new genesis with the same log key: consistent with itself only.
  rebuilt = await createTestDatabase();
  const other = createLedgerPool(rebuilt.url, 2);
  await appendAccessEvents(other, 50, 500);
  notes.rebuilt50 = (await sealPending({ pool: other })).lastBlock!.checkpoint;
  await other.end();
});

describe("healthledger verify --trusted-checkpoint", () => {
  it("passes when the database extends the checkpoint, or is exactly it", async () => {
    for (const [name, size] of [
      ["at40", 40],
      ["at70", 70],
    ] as const) {
      const r = await verify(live, file(`${name}.txt`, notes[name]));
      expect(r.code, name).toBe(0);
      expect(r.out).toMatchObject({ ok: true, findings: [], trustedCheckpoint: { treeSize: size, ok: true } });
    }
  });

  it("fails when the database is behind the checkpoint (an older backup restored)", async () => {
    const r = await verify(rebuilt, file("behind.txt", notes.at70));
    expect(r.code).toBe(1);
    expect(r.out).toMatchObject({ ok: false, trustedCheckpoint: { treeSize: 70, ok: false } });
    expect(codes(r.out)).toEqual(["trusted_checkpoint_behind"]);
    expect(await rebuilt.prisma.verificationRun.findFirst({ orderBy: { startedAt: "desc" } })).toMatchObject({
      ok: false,
    });
  });

  it("fails when the database's history diverges from the checkpoint (a rebuilt ledger)", async () => {
    const r = await verify(live, file("diverged.txt", notes.rebuilt50));
    expect(r.code).toBe(1);
    expect(codes(r.out)).toEqual(["trusted_checkpoint_diverged"]);
    expect(r.out.findings[0].problem).toMatch(/size \d+ .*not consistent with the trusted checkpoint of size 50/);
  });

  it("fails on a checkpoint whose signature does not verify with the log key", async () => {
    // One signature byte changed, and a note signed by another key under the log's name.
    const [body, sig] = notes.at40.split("\n\n");
    const b64 = sig.trim().split(" ").pop()!;
    const raw = Buffer.from(b64, "base64");
    raw[raw.length - 1] ^= 1;
    const tampered = `${body}\n\n${sig.trim().replace(b64, raw.toString("base64"))}\n`;
    const origin = TEST_ENV.HL_LOG_ORIGIN;
    const forged = signCheckpoint(
      { origin, treeSize: 40, rootHash: crypto.randomBytes(32) },
      parseSignerKey(generateSignerKey(origin).signerKey),
    );
    for (const [name, text] of [
      ["tampered", tampered],
      ["forged", forged],
    ]) {
      const r = await verify(live, file(`${name}.txt`, text));
      expect(r.code, name).toBe(1);
      expect(codes(r.out), name).toEqual(["trusted_checkpoint_invalid"]);
    }
  });
});
