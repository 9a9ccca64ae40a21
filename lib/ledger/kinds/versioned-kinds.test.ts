import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { utf8Decode } from "../tlog/encoding";
import { breakGlassKind } from "./break-glass";
import { defineLeafKind, leafBytesFor, withOlderVersions } from "./define-leaf-kind";
import { erasureDecisionKind } from "./erasure-decision";

const sha256Hex = (b: Uint8Array) => crypto.createHash("sha256").update(b).digest("hex");
const sealed = new Uint8Array([9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 250, 251]);

const glass = {
  id: "0190f1c2-0000-7000-8000-000000000001",
  userId: "00000000-0000-4000-8000-0000000000c1",
  patientId: "3f2a7c1e-0d4b-4e6a-8b9c-1a2b3c4d5e6f",
  startedAt: new Date("2026-03-01T08:00:00.000Z"),
  expiresAt: new Date("2026-03-01T09:00:00.000Z"),
};
const decision = {
  id: "0190f1c2-0000-7000-8000-000000000002",
  requestId: "6b1f0f8e-1d2c-4b3a-9a8b-7c6d5e4f3a2b",
  pseudonym: "pt_4k2j",
  outcome: "refused",
  ground: "legal_hold",
  decidedById: "00000000-0000-4000-8000-0000000000c2",
  recordCount: 7,
  createdAt: new Date("2026-03-02T10:00:00.000Z"),
};

describe("leaf kinds with older versions (a change here breaks verification of stored leaves)", () => {
  it("read a break-glass row without ciphertext as v1, which never covered the plaintext reason", () => {
    const text = utf8Decode(
      leafBytesFor(breakGlassKind, { ...glass, reason: "typed before sealing", sealedReason: null }),
    );
    expect(text).toBe(
      'break_glass/v1\n{"expiresAt":"2026-03-01T09:00:00.000Z","id":"0190f1c2-0000-7000-8000-000000000001",' +
        '"patientId":"3f2a7c1e-0d4b-4e6a-8b9c-1a2b3c4d5e6f","startedAt":"2026-03-01T08:00:00.000Z","userId":"00000000-0000-4000-8000-0000000000c1"}',
    );
  });

  it("write a sealed break-glass row as v2 with the SHA-256 of its ciphertext, in either byte container", () => {
    const text = utf8Decode(leafBytesFor(breakGlassKind, { ...glass, reason: null, sealedReason: sealed }));
    expect(text).toBe(
      'break_glass/v2\n{"expiresAt":"2026-03-01T09:00:00.000Z","id":"0190f1c2-0000-7000-8000-000000000001",' +
        `"patientId":"3f2a7c1e-0d4b-4e6a-8b9c-1a2b3c4d5e6f","reasonSha256":"${sha256Hex(sealed)}",` +
        '"startedAt":"2026-03-01T08:00:00.000Z","userId":"00000000-0000-4000-8000-0000000000c1"}',
    );
    expect(utf8Decode(leafBytesFor(breakGlassKind, { ...glass, sealedReason: Buffer.from(sealed) }))).toBe(text);
    const flipped = Uint8Array.from(sealed);
    flipped[3] ^= 1;
    expect(utf8Decode(leafBytesFor(breakGlassKind, { ...glass, sealedReason: flipped }))).not.toBe(text);
  });

  it("cover an erasure decision's sealed reason from v2 on; v1 rows keep their old bytes", () => {
    expect(utf8Decode(leafBytesFor(erasureDecisionKind, { ...decision, reason: "old", sealedReason: null }))).toBe(
      'erasure_decision/v1\n{"createdAt":"2026-03-02T10:00:00.000Z","decidedById":"00000000-0000-4000-8000-0000000000c2",' +
        '"ground":"legal_hold","id":"0190f1c2-0000-7000-8000-000000000002","outcome":"refused","pseudonym":"pt_4k2j",' +
        '"recordCount":7,"requestId":"6b1f0f8e-1d2c-4b3a-9a8b-7c6d5e4f3a2b"}',
    );
    const v2 = utf8Decode(leafBytesFor(erasureDecisionKind, { ...decision, reason: null, sealedReason: sealed }));
    expect(v2).toMatch(/^erasure_decision\/v2\n/);
    expect(JSON.parse(v2.split("\n")[1])).toMatchObject({ reasonSha256: sha256Hex(sealed), outcome: "refused" });
    // Made to look like v1 (ciphertext dropped), a v2 row no longer gives its leaf bytes.
    expect(utf8Decode(leafBytesFor(erasureDecisionKind, { ...decision, sealedReason: null }))).not.toBe(v2);
  });

  it("select every version's columns, and refuse older versions of another kind", () => {
    expect([...breakGlassKind.fields].sort()).toEqual(
      ["expiresAt", "id", "patientId", "sealedReason", "startedAt", "userId"].sort(),
    );
    const a = defineLeafKind({ kind: "a", version: 2, table: "A", fields: ["id"] });
    const b = defineLeafKind({ kind: "b", version: 1, table: "A", fields: ["id"] });
    expect(() => withOlderVersions(a, [b], () => 1)).toThrow(/same kind/);
    expect(() => withOlderVersions(a, [a], () => 2)).toThrow(/distinct versions/);
    const kind = withOlderVersions(a, [defineLeafKind({ kind: "a", version: 1, table: "A", fields: ["id"] })], () => 3);
    expect(() => leafBytesFor(kind, { id: "x" })).toThrow(/no version 3/);
  });
});
