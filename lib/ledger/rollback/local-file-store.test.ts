import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { localFileStore, moveLegacyStateFile } from "./local-file-store";

const LOG = "0123456789abcdef0123456789abcdef";
const cp = (treeSize: number, c = "a") => ({
  treeSize,
  rootHash: c.repeat(64),
  checkpoint: `log\n${treeSize}\n…\n`,
  recordedAt: new Date().toISOString(),
});
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "hl-store-"));

describe("local checkpoint state file", () => {
  it("keeps the larger checkpoint per log, unless a re-trust supersedes it", async () => {
    const store = localFileStore(path.join(tmp(), "deep", "issued.json"));
    expect(await store.latest(LOG)).toBeNull();
    await Promise.all([store.record(LOG, cp(9)), store.record(LOG, cp(5))]);
    expect(await store.latest(LOG)).toMatchObject({ treeSize: 9 });
    await store.record(LOG, cp(4, "b"), { supersede: true });
    expect(await store.latest(LOG)).toMatchObject({ treeSize: 4, rootHash: "b".repeat(64) });
  });

  it("records only over the checkpoint the caller expects it to hold, when told one", async () => {
    const file = path.join(tmp(), "issued.json");
    const store = localFileStore(file);
    await store.record(LOG, cp(3), { expect: { treeSize: 9, rootHash: "a".repeat(64) } });
    expect(await store.latest(LOG)).toBeNull();
    await store.record(LOG, cp(3), { expect: null });
    expect(await store.latest(LOG)).toMatchObject({ treeSize: 3 });
    await store.record(LOG, cp(5), { expect: null });
    expect(await store.latest(LOG)).toMatchObject({ treeSize: 3 });
    await store.record(LOG, cp(5), { expect: { treeSize: 3, rootHash: "a".repeat(64) } });
    expect(await store.latest(LOG)).toMatchObject({ treeSize: 5 });
  });

  it("refuses a damaged file instead of reading it as empty", async () => {
    const file = path.join(tmp(), "issued.json");
    fs.writeFileSync(file, JSON.stringify({ version: 1, logs: { [LOG]: { treeSize: "9" } } }));
    await expect(localFileStore(file).latest(LOG)).rejects.toThrow(/expected format/);
    await expect(localFileStore(file).record(LOG, cp(10))).rejects.toThrow(/expected format/);
  });

  it("moves the file from its old place beside the embedded database, once", async () => {
    const root = tmp();
    const from = path.join(root, ".data", "issued-checkpoints.json");
    const to = path.join(root, ".secrets", "issued-checkpoints.json");
    await localFileStore(from).record(LOG, cp(7));
    expect(await moveLegacyStateFile({ from, to })).toBe(true);
    expect(fs.existsSync(from)).toBe(false);
    expect(await localFileStore(to).latest(LOG)).toMatchObject({ treeSize: 7 });
    expect(fs.statSync(to).mode & 0o777).toBe(0o600);
    expect(await moveLegacyStateFile({ from, to })).toBe(false);
  });
});
