import { sha256 } from "@noble/hashes/sha2.js";
import { describe, expect, it } from "vitest";
import { bytesToHex } from "../tlog/encoding";
import { caseTransitionKind } from "./case-transition";
import { leafTextFor } from "./define-leaf-kind";

const row = {
  id: "0193a000-0000-7000-8000-000000000001",
  caseId: "0193a000-0000-7000-8000-000000000002",
  action: "note",
  fromState: "investigating",
  toState: "investigating",
  alertIds: [],
  ownerId: null,
  discoveredAt: null,
  discoveredHow: null,
  assessment: null,
  determination: null,
  sanctionTier: null,
  notifiedAt: null,
  sealed: new Uint8Array([1, 2, 3]),
  byId: "0193a000-0000-7000-8000-000000000003",
  createdAt: new Date("2026-12-06T10:00:00.000Z"),
};

describe("case_transition/v1 leaves", () => {
  it("pin the format: the sealed note enters as the SHA-256 of its ciphertext, never as bytes", () => {
    const text = leafTextFor(caseTransitionKind, row);
    expect(text).toBe(
      `case_transition/v1\n{"action":"note","alertIds":[],"assessment":null,"byId":"${row.byId}","caseId":"${row.caseId}","createdAt":"2026-12-06T10:00:00.000Z","determination":null,"discoveredAt":null,"discoveredHow":null,"fromState":"investigating","id":"${row.id}","notifiedAt":null,"ownerId":null,"sanctionTier":null,"sealedSha256":"${bytesToHex(sha256(row.sealed))}","toState":"investigating"}`,
    );
    expect(text).not.toContain("010203");
  });

  it("change when the ciphertext changes", () => {
    const other = caseTransitionKind.leafJson({ ...row, sealed: new Uint8Array([1, 2, 4]) });
    expect(other).not.toBe(caseTransitionKind.leafJson(row));
  });
});
