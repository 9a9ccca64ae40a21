import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { leafHashFor, LEAF_KINDS } from "@/lib/ledger/kinds";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { makeTestEvidence, type TTestEvidence } from "../pdf/testing/test-evidence";
import { anchorEvidenceCa } from "./anchor-evidence-ca";

let db: TTestDatabase;
let evidence: TTestEvidence;

beforeAll(async () => {
  db = await createTestDatabase();
  evidence = await makeTestEvidence();
});

describe("anchorEvidenceCa", () => {
  it("anchors a CA once, its leaf carrying the certificate's SHA-256, however many instances start", async () => {
    const [first, second] = await Promise.all([
      anchorEvidenceCa(db.prisma, evidence.ca),
      anchorEvidenceCa(db.prisma, evidence.ca),
    ]);
    expect(first.id).toBe(second.id);
    expect(first.sha256).toBe(evidence.caSha256);
    expect(first.ledgerIndex).toBeNull();
    await sealPending();
    const again = await anchorEvidenceCa(db.prisma, evidence.ca);
    expect(again.id).toBe(first.id);
    expect(again.ledgerIndex).toMatch(/^\d+$/);
    expect(await db.prisma.evidenceCaCertificate.count()).toBe(1);
    const entry = await db.prisma.ledgerEntry.findUniqueOrThrow({ where: { index: BigInt(again.ledgerIndex!) } });
    const row = await db.prisma.evidenceCaCertificate.findUniqueOrThrow({ where: { id: first.id } });
    expect(entry.kind).toBe("evidence_ca");
    expect(Buffer.from(entry.leafHash)).toEqual(Buffer.from(leafHashFor(LEAF_KINDS.evidence_ca, row)));
    expect(Buffer.from(row.sha256).toString("hex")).toBe(evidence.caSha256);
  });

  it("gives a replaced CA a row and a leaf of its own", async () => {
    const replacement = await makeTestEvidence("replacement.test/log");
    const anchored = await anchorEvidenceCa(db.prisma, replacement.ca);
    expect(anchored.sha256).toBe(replacement.caSha256);
    expect(await db.prisma.evidenceCaCertificate.count()).toBe(2);
  });

  it("cannot be edited afterwards (append-only)", async () => {
    await expect(db.prisma.evidenceCaCertificate.updateMany({ data: { subject: "CN=forged" } })).rejects.toThrow();
  });
});
