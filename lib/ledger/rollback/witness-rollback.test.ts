// Item 6 of the regulator issue: the rollback guard asks two real witnesses (HTTP on 127.0.0.1)
// as well as the local state file. Each case starts from the same ledger both witnesses hold,
// then does what an insider or an operator could do to the database.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { createLedgerPool, type LedgerPool } from "../ledger-pool";
import { getLogKeys } from "../log-keys";
import { sealPending } from "../seal/seal-pending";
import { appendAccessEvents } from "../testing/ledger-fixtures";
import { parseVerifierKey } from "../tlog/note";
import type { TWitnessEndpoint } from "../witness/push-checkpoint";
import { forgetWitnessAnswers, witnessCheckpointStore } from "../witness/witness-checkpoint-store";
import { createWitnessKeyFile, readWitnessKeyFile } from "../witness/witness-key";
import { startWitnessPusher } from "../witness/witness-pusher";
import { readWitnessStatuses } from "../witness/witness-records";
import { startWitnessServer, type TWitnessServer } from "../witness/witness-server";
import { openWitnessState } from "../witness/witness-state";
import { localFileStore } from "./local-file-store";
import { recordSealedCheckpoint } from "./record-checkpoint";
import { checkRollback } from "./rollback-guard";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hl-witness-rollback-"));
let db: TTestDatabase;
let pool: LedgerPool;
const servers: TWitnessServer[] = [];
const witnesses: TWitnessEndpoint[] = [];
const TABLES = ["LedgerEntry", "LedgerBlock", "LedgerTile", "LedgerQueue"];

const witnessStores = () =>
  witnesses.map((witness) =>
    witnessCheckpointStore({ witness, origin: getLogKeys().origin, logVerifier: getLogKeys().verifier }),
  );
const allStores = () => [localFileStore(path.join(dir, "issued.json")), ...witnessStores()];

/** Seal what is queued, remember it as the app does, and push it to both witnesses. */
async function sealRecordAndPush(createdLog = false) {
  const block = (await sealPending({ pool })).lastBlock!;
  const recorded = await recordSealedCheckpoint({ block, createdLog, pool, stores: allStores() });
  const pusher = startWitnessPusher({ pool, witnesses, onError: () => {} });
  pusher.offer(block);
  await pusher.settled();
  await pusher.stop();
  forgetWitnessAnswers();
  return { block, recorded };
}

async function su<T>(fn: (c: Awaited<ReturnType<TTestDatabase["superuser"]>>) => Promise<T>): Promise<T> {
  const c = await db.superuser();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
const backup = (name: string) =>
  su((c) => c.query(TABLES.map((t) => `CREATE TABLE "${name}_${t}" AS SELECT * FROM "${t}";`).join("")));
const restore = (name: string) =>
  su((c) =>
    c.query(TABLES.map((t) => `DELETE FROM "${t}"; INSERT INTO "${t}" SELECT * FROM "${name}_${t}";`).join("")),
  );
const witnessErrors = async () =>
  (await readWitnessStatuses(pool)).map((s) => [s.name, s.cosignedTreeSize, s.lastError && s.failures > 0]);

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createLedgerPool(db.url, 3);
  for (const name of ["w1", "w2"]) {
    const keyFile = path.join(dir, `${name}.key`);
    await createWitnessKeyFile({ file: keyFile, name: `witness.test/${name}` });
    const { signer, verifierKey } = await readWitnessKeyFile(keyFile);
    const state = await openWitnessState(path.join(dir, `${name}.json`));
    const server = await startWitnessServer({
      signer,
      state,
      logKeys: [getLogKeys().verifierKey],
      port: 0,
      log: () => {},
    });
    servers.push(server);
    witnesses.push({ name, url: server.url, verifierKey, verifier: parseVerifierKey(verifierKey) });
  }
  // The ledger both witnesses hold: 5 entries at its genesis, then 4 more (size 9).
  await appendAccessEvents(pool, 5);
  expect((await sealRecordAndPush(true)).recorded).toBe("first");
  await backup("at5");
  await appendAccessEvents(pool, 4, 100);
  expect((await sealRecordAndPush()).recorded).toBe("recorded");
  await backup("at9");
  expect(await witnessErrors()).toEqual(
    expect.arrayContaining([
      ["w1", 9, null],
      ["w2", 9, null],
    ]),
  );
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await pool.end();
});
beforeEach(async () => {
  await restore("at9");
  forgetWitnessAnswers();
});

describe("the rollback guard asks the witnesses", () => {
  it("trusts the ledger the witnesses cosigned, even with the local state file gone", async () => {
    expect(await checkRollback(pool, allStores())).toMatchObject({ ok: true, issuedTreeSize: 9 });
    expect(await checkRollback(pool, witnessStores())).toMatchObject({ ok: true, state: "trusted", issuedTreeSize: 9 });
  });

  it("detects a restored old backup: both witnesses cosigned a larger tree", async () => {
    await restore("at5");
    expect(await checkRollback(pool, witnessStores())).toMatchObject({
      ok: false,
      state: "behind",
      treeSize: 5,
      issuedTreeSize: 9,
      reason: expect.stringMatching(/5 entries but a checkpoint for 9.*witness w1/),
    });
  });

  it("refuses and detects a rewritten history re-signed with the app's own key", async () => {
    // The insider restores the tree at 5 and appends 6 other entries: a consistent, signed tree
    // of 11 that does not extend the 9 the witnesses cosigned.
    await restore("at5");
    await appendAccessEvents(pool, 6, 300);
    const { block } = await sealRecordAndPush();
    expect(block.treeSize).toBe(11);
    expect(await witnessErrors()).toEqual(
      expect.arrayContaining([
        ["w1", 9, true],
        ["w2", 9, true],
      ]),
    );
    const statuses = await readWitnessStatuses(pool);
    for (const s of statuses) expect(s.lastError).toMatch(/refused the consistency proof from its tree of 9/);
    expect(await checkRollback(pool, witnessStores())).toMatchObject({
      ok: false,
      state: "diverged",
      issuedTreeSize: 9,
    });
  });

  it("refuses a forked log: another tree of the same size", async () => {
    await restore("at5");
    await appendAccessEvents(pool, 4, 400);
    const { block } = await sealRecordAndPush();
    expect(block.treeSize).toBe(9);
    const statuses = await readWitnessStatuses(pool);
    expect(statuses.map((s) => s.lastError)).toEqual([
      expect.stringMatching(/another tree of 9 entries \(a forked log\)/),
      expect.stringMatching(/another tree of 9 entries \(a forked log\)/),
    ]);
    expect(await checkRollback(pool, witnessStores())).toMatchObject({
      ok: false,
      state: "diverged",
      reason: expect.stringMatching(/at size 9 has another root/),
    });
  });

  it("does not count a witness it cannot reach, and refuses one whose answer does not verify", async () => {
    const unreachable = { ...witnesses[0], url: "http://127.0.0.1:9" };
    const store = witnessCheckpointStore({
      witness: unreachable,
      origin: getLogKeys().origin,
      logVerifier: getLogKeys().verifier,
    });
    expect(await store.latest("any")).toBeNull();
    const impostor = { ...witnesses[0], verifier: witnesses[1].verifier, verifierKey: witnesses[1].verifierKey };
    const lying = witnessCheckpointStore({
      witness: impostor,
      origin: getLogKeys().origin,
      logVerifier: getLogKeys().verifier,
    });
    expect(await checkRollback(pool, [lying])).toMatchObject({ ok: false, state: "store_error" });
  });
});
