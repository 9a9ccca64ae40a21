import { describe, expect, it } from "vitest";
import { signCheckpoint, verifyCosignature } from "../tlog/checkpoint";
import { bytesToBase64, hexToBytes } from "../tlog/encoding";
import { generateSignerKey, parseSignerKey, parseVerifierKey, verifierKeyFromSigner } from "../tlog/note";
import { CONSISTENCY, ROOTS } from "../tlog/testing/rfc6962-vectors";
import { formatAddCheckpointRequest, parseAddCheckpointRequest } from "./add-checkpoint-request";
import { decideAddCheckpoint, type TWitnessedLog } from "./decide-add-checkpoint";
import { generateWitnessKey } from "./witness-key";

// The request example of c2sp.org/tlog-witness.
const SPEC_REQUEST = `old 20852014
PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=
jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=
5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=
/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=

example.com/behind-the-sofa
20852163
CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=

\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=
\u2014 example.com/behind-the-sofa opLqBQsREYCgu6xQkYQwJr9fo45a62DN9EdmHXnZdXNqlcVGlCum2Wks+49/V6267UEjw6QUXTS5Rovnzv++qbSzm9Q=
`;

const ORIGIN = "healthledger.example/log";
const log = parseSignerKey(generateSignerKey(ORIGIN).signerKey);
const forger = parseSignerKey(generateSignerKey(ORIGIN).signerKey); // same name, another key
const witnessKeys = generateWitnessKey("witness.example/w1");
const witness = parseSignerKey(witnessKeys.signerKey);
const logs = new Map([[ORIGIN, [parseVerifierKey(verifierKeyFromSigner(log))]]]);

const root = (size: number) => hexToBytes(ROOTS[size - 1]);
const note = (size: number, signer = log, rootHash = root(size), origin = ORIGIN) =>
  signCheckpoint({ origin, treeSize: size, rootHash }, signer);
const proof = (oldSize: number, newSize: number) =>
  CONSISTENCY.find((v) => v.oldSize === oldSize && v.newSize === newSize)!.proof.map(hexToBytes);
const held = (size: number, rootHash = root(size)): TWitnessedLog => ({
  treeSize: size,
  rootHash: bytesToBase64(rootHash),
  checkpoint: note(size),
  cosignature: "",
  cosignedAt: new Date(0).toISOString(),
});

function decide(body: string, witnessed: TWitnessedLog | null) {
  return decideAddCheckpoint({ body, logs, witnessed: () => witnessed, signer: witness, now: 1_700_000_000 });
}
const req = (oldSize: number, p: Uint8Array[], n: string) => formatAddCheckpointRequest({ oldSize, proof: p, note: n });

describe("add-checkpoint request body", () => {
  it("parses the spec's example and formats it back byte for byte", () => {
    const parsed = parseAddCheckpointRequest(SPEC_REQUEST);
    expect(parsed.oldSize).toBe(20852014);
    expect(parsed.proof).toHaveLength(4);
    expect(parsed.note.startsWith("example.com/behind-the-sofa\n20852163\n")).toBe(true);
    expect(formatAddCheckpointRequest(parsed)).toBe(SPEC_REQUEST);
  });

  it.each([
    ["no old line", SPEC_REQUEST.replace("old ", "new ")],
    ["a leading zero", SPEC_REQUEST.replace("old 2", "old 02")],
    ["a negative size", SPEC_REQUEST.replace("old 2", "old -2")],
    ["a short hash", SPEC_REQUEST.replace("PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=", "PlRN")],
    ["64 proof lines", `old 5\n${"PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\n".repeat(64)}\n${note(5)}`],
    ["no empty line", "old 5\n"],
  ])("refuses %s with 400", (_what, body) => {
    expect(decide(body, null)).toMatchObject({ status: 400 });
  });
});

describe("what the witness answers", () => {
  it("cosigns a first checkpoint (old 0, empty proof) with a cosignature/v1 line", () => {
    const out = decide(req(0, [], note(6)), null);
    expect(out).toMatchObject({ status: 200, origin: ORIGIN, next: { treeSize: 6 } });
    if (out.status !== 200) return;
    const verified = verifyCosignature({ note: note(6) + out.body, verifierKey: witnessKeys.verifierKey });
    expect(verified).toMatchObject({ timestamp: 1_700_000_000, checkpoint: { treeSize: 6 } });
  });

  it("cosigns a consistent extension of what it holds (RFC 6962 vectors 6 → 8, 2 → 5)", () => {
    expect(decide(req(6, proof(6, 8), note(8)), held(6))).toMatchObject({ status: 200, next: { treeSize: 8 } });
    expect(decide(req(2, proof(2, 5), note(5)), held(2))).toMatchObject({ status: 200, next: { treeSize: 5 } });
    expect(decide(req(8, [], note(8)), held(8))).toMatchObject({ status: 200 });
  });

  // [what, request, held, status, size in a 409]
  const table: [string, () => string, TWitnessedLog | null, number, number?][] = [
    ["an unknown origin", () => req(0, [], note(6, log, root(6), "other.example/log")), null, 404],
    ["a checkpoint signed by another key under the log's name", () => req(0, [], note(6, forger)), null, 403],
    ["a tampered checkpoint", () => req(0, [], note(6).replace("\n6\n", "\n7\n")), null, 403],
    ["old size above the checkpoint", () => req(8, [], note(6)), held(8), 400],
    ["a stale old size (it holds 6)", () => req(2, proof(2, 5), note(5)), held(6), 409, 6],
    ["old 0 once it holds a checkpoint", () => req(0, [], note(8)), held(6), 409, 6],
    ["a replayed old checkpoint", () => req(6, [], note(6)), held(8), 409, 8],
    ["another root at the size it holds (a fork)", () => req(6, [], note(6, log, root(5))), held(6), 409, 6],
    ["an inconsistent proof", () => req(6, proof(6, 7), note(8)), held(6), 422],
    [
      "a history rewritten and re-signed by the log key",
      () => req(6, proof(6, 8), note(8, log, root(7))),
      held(6),
      422,
    ],
    ["a proof with old 0", () => req(0, proof(6, 8), note(8)), null, 422],
  ];
  it.each(table)("refuses %s", (_what, body, witnessed, status, size) => {
    const out = decide(body(), witnessed);
    expect(out.status).toBe(status);
    if (size !== undefined) expect(out).toMatchObject({ size });
  });
});
