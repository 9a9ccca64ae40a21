// Two real witness servers on 127.0.0.1, a real PostgreSQL ledger, and the app's pusher between
// them; then the attacks a witness must refuse, sent over HTTP as a misbehaving log would.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { createLedgerPool, type LedgerPool } from "../ledger-pool";
import { getLogKeys } from "../log-keys";
import { getConsistencyProof } from "../proofs/get-consistency-proof";
import { sealPending } from "../seal/seal-pending";
import { appendAccessEvents } from "../testing/ledger-fixtures";
import { openCheckpoint, signCheckpoint, verifyCosignature } from "../tlog/checkpoint";
import { generateSignerKey, parseNote, parseSignerKey } from "../tlog/note";
import { formatAddCheckpointRequest, MAX_ADD_CHECKPOINT_BYTES } from "./add-checkpoint-request";
import { latestCosignedCheckpoint, witnessPolicyText } from "./cosigned-checkpoint";
import { pushCheckpoint, type TWitnessEndpoint } from "./push-checkpoint";
import { witnessSetup } from "./witness-endpoints";
import { createWitnessKeyFile, readWitnessKeyFile } from "./witness-key";
import { startWitnessPusher } from "./witness-pusher";
import { readWitnessStatuses, recordCosignature } from "./witness-records";
import { startWitnessServer, type TWitnessServer } from "./witness-server";
import { openWitnessState } from "./witness-state";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hl-witness-"));
let db: TTestDatabase;
let pool: LedgerPool;
const servers: TWitnessServer[] = [];
const endpoints: TWitnessEndpoint[] = [];

async function startWitness(name: string, stateFile = path.join(dir, `${name}.json`)) {
  const keyFile = path.join(dir, `${name}.key`);
  if (!fs.existsSync(keyFile)) await createWitnessKeyFile({ file: keyFile, name: `witness.test/${name}` });
  const { signer, verifierKey } = await readWitnessKeyFile(keyFile);
  const state = await openWitnessState(stateFile);
  const server = await startWitnessServer({
    signer,
    state,
    logKeys: [getLogKeys().verifierKey],
    port: 0,
    log: () => {},
  });
  servers.push(server);
  return { server, verifierKey, stateFile };
}

const sealed = async (n: number, from: number) => {
  await appendAccessEvents(pool, n, from);
  return (await sealPending({ pool })).lastBlock!;
};
const post = (server: TWitnessServer, body: string | Uint8Array<ArrayBuffer>) =>
  fetch(`${server.url}/add-checkpoint`, { method: "POST", body });
const proveFrom = (newSize: number) => async (oldSize: number) =>
  oldSize === 0 || oldSize === newSize ? [] : (await getConsistencyProof({ pool, oldSize, newSize })).proof;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createLedgerPool(db.url, 3);
  for (const name of ["w1", "w2"]) {
    const { server, verifierKey } = await startWitness(name);
    endpoints.push({ name, url: server.url, verifierKey, verifier: witnessSetupFor(name, server.url, verifierKey) });
  }
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await pool.end();
});

function witnessSetupFor(name: string, url: string, verifierKey: string) {
  return witnessSetup({ HL_WITNESSES: `${name} ${url} ${verifierKey}` } as never).witnesses[0].verifier;
}
const setup = () => ({ witnesses: endpoints, quorum: 2 });

describe("the app and two witnesses", () => {
  it("pushes each new checkpoint to both, stores their cosignatures and assembles a 2-of-2 cosigned note", async () => {
    const pusher = startWitnessPusher({ pool, witnesses: endpoints, onError: () => {} });
    const first = await sealed(5, 0);
    pusher.offer(first);
    await pusher.settled();
    const second = await sealed(7, 100);
    pusher.offer(second);
    await pusher.settled();
    await pusher.stop();

    const statuses = await readWitnessStatuses(pool);
    expect(statuses.map((s) => [s.name, s.cosignedTreeSize, s.failures, s.lastError])).toEqual(
      expect.arrayContaining([
        ["w1", 12, 0, null],
        ["w2", 12, 0, null],
      ]),
    );
    const cosigned = await latestCosignedCheckpoint({ pool, setup: setup() });
    expect(cosigned).toMatchObject({ treeSize: 12, cosignedBy: ["w1", "w2"], quorumMet: true, quorum: { k: 2, n: 2 } });
    // The note verifies with the log key and each witness key, like any C2SP verifier would check it.
    expect(openCheckpoint(cosigned!.note, getLogKeys().verifier).treeSize).toBe(12);
    for (const w of endpoints)
      expect(verifyCosignature({ note: cosigned!.note, verifierKey: w.verifier }).checkpoint.treeSize).toBe(12);
    expect(parseNote(cosigned!.note).signatures).toHaveLength(3);

    // Each witness serves what it holds: the log-signed checkpoint with its own cosignature.
    const held = await (
      await fetch(`${servers[0].url}/checkpoint?origin=${encodeURIComponent(getLogKeys().origin)}`)
    ).text();
    expect(verifyCosignature({ note: held, verifierKey: endpoints[0].verifier }).checkpoint.treeSize).toBe(12);
  });

  it("re-proves from the size a 409 names when its view of a witness is stale", async () => {
    const block = await sealed(3, 200);
    const result = await pushCheckpoint({
      witness: endpoints[0],
      checkpoint: { treeSize: block.treeSize, note: block.checkpoint },
      oldSize: 0,
      prove: proveFrom(block.treeSize),
    });
    expect(result).toMatchObject({ ok: true, oldSize: 12 });
    if (result.ok) await recordCosignature(pool, { witness: endpoints[0], treeSize: block.treeSize, ...result });
  });

  it("says when no checkpoint reached the quorum, and writes the policy with k of n", async () => {
    // w1 cosigned 15 above, w2 did not: the latest 2-of-2 checkpoint is still 12.
    expect(await latestCosignedCheckpoint({ pool, setup: setup() })).toMatchObject({ treeSize: 12, quorumMet: true });
    const one = await latestCosignedCheckpoint({ pool, setup: { witnesses: endpoints, quorum: 1 } });
    expect(one).toMatchObject({ treeSize: 15, cosignedBy: ["w1"], quorumMet: true });
    const policy = witnessPolicyText({ setup: setup(), logKeys: getLogKeys() });
    expect(policy).toContain(`log ${getLogKeys().verifierKey}\n`);
    expect(policy).toContain(`witness w1 ${endpoints[0].verifierKey} ${endpoints[0].url}\n`);
    expect(policy).toMatch(/\ngroup healthledger-witnesses all w1 w2\nquorum healthledger-witnesses\n$/);
  });
});

describe("a witness that is down", () => {
  it("is pushed to in the background, never in a seal's way, and recorded as failing", async () => {
    const down: TWitnessEndpoint = {
      ...endpoints[1],
      name: "down",
      url: "http://127.0.0.1:9",
      verifierKey: "down+00000000+x",
    };
    const pusher = startWitnessPusher({ pool, witnesses: [down], onError: () => {} });
    const block = await sealed(1, 500); // sealing does not wait for the pusher
    pusher.offer(block);
    await pusher.settled();
    await pusher.stop();
    const status = (await readWitnessStatuses(pool)).find((s) => s.name === "down");
    expect(status).toMatchObject({ cosignedTreeSize: null });
    expect(status?.failures).toBeGreaterThanOrEqual(1);
    expect(status?.lastError).toMatch(/^could not reach the witness/);
  });
});

describe("a witness refuses", () => {
  const origin = () => getLogKeys().origin;
  it("an oversized body (413), an unknown origin (404) and a forged log signature (403)", async () => {
    const w = servers[1];
    expect((await post(w, new Uint8Array(MAX_ADD_CHECKPOINT_BYTES + 1).fill(0x61))).status).toBe(413);
    const other = parseSignerKey(generateSignerKey("other.test/log").signerKey);
    const unknown = signCheckpoint({ origin: "other.test/log", treeSize: 1, rootHash: new Uint8Array(32) }, other);
    expect((await post(w, formatAddCheckpointRequest({ oldSize: 0, proof: [], note: unknown }))).status).toBe(404);
    const forger = parseSignerKey(generateSignerKey(origin()).signerKey);
    const forged = signCheckpoint({ origin: origin(), treeSize: 99, rootHash: new Uint8Array(32) }, forger);
    expect((await post(w, formatAddCheckpointRequest({ oldSize: 12, proof: [], note: forged }))).status).toBe(403);
    expect((await fetch(`${w.url}/add-checkpoint`)).status).toBe(405);
  });

  it("a replayed old checkpoint (409 with its size) and a rewritten history re-signed with the log key (422)", async () => {
    const w = servers[1];
    const { rows } = await pool.query(`SELECT checkpoint FROM "LedgerBlock" WHERE "treeSize" = 5`);
    const replay = await post(w, formatAddCheckpointRequest({ oldSize: 5, proof: [], note: rows[0].checkpoint }));
    expect(replay.status).toBe(409);
    expect(replay.headers.get("content-type")).toBe("text/x.tlog.size");
    expect(await replay.text()).toBe("12\n");
    // The insider's rewrite: another tree of 15 leaves, signed with the app's own key.
    const rewritten = signCheckpoint(
      { origin: origin(), treeSize: 15, rootHash: new Uint8Array(32).fill(7) },
      getLogKeys().signer,
    );
    const proof = (await getConsistencyProof({ pool, oldSize: 12, newSize: 15 })).proof;
    expect((await post(w, formatAddCheckpointRequest({ oldSize: 12, proof, note: rewritten }))).status).toBe(422);
  });

  it("to go back after a restart, and to share its state file with a second process", async () => {
    const restarted = path.join(dir, "w1.json");
    await expect(openWitnessState(restarted)).rejects.toThrow(/in use by process/);
    const s = servers.shift()!;
    await s.close();
    const again = await startWitness("w1", restarted);
    const { rows } = await pool.query(`SELECT checkpoint FROM "LedgerBlock" WHERE "treeSize" = 12`);
    const res = await post(
      again.server,
      formatAddCheckpointRequest({ oldSize: 12, proof: [], note: rows[0].checkpoint }),
    );
    expect(res.status).toBe(409);
    expect(await res.text()).toBe("15\n");
  });
});
