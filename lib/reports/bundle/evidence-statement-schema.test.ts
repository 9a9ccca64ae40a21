import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hexLike, instantLike, objectLike, orJunk } from "@/lib/ledger/kinds/testing/json-shape-arbitraries";
import {
  EVIDENCE_PREDICATE_TYPE,
  readEvidencePredicate,
  readEvidenceStatement,
  STATEMENT_TYPE,
} from "@/lib/reports/verify/statement";
import { ZEvidencePredicate, ZEvidenceStatement } from "./evidence-statement-schema";

const predicateLike = objectLike({
  reportType: orJunk(
    fc.constantFrom("integrity_attestation", "hipaa_access_report", "a".repeat(64), "Bad", "a".repeat(65)),
  ),
  scope: orJunk(fc.string({ maxLength: 260 })),
  period: orJunk(objectLike({ start: orJunk(instantLike()), end: orJunk(instantLike()) })),
  issuedAt: orJunk(instantLike()),
  reportLeafIndex: orJunk(fc.oneof(fc.nat(), fc.integer(), fc.double(), fc.constant(2 ** 53))),
  checkpointSize: orJunk(fc.oneof(fc.nat(), fc.integer(), fc.double())),
});

const subjectLike = objectLike({
  name: orJunk(fc.string({ maxLength: 260 })),
  digest: orJunk(objectLike({ sha256: orJunk(hexLike(64)) })),
});

// Statements of well-formed parts most of the time, so that some pass and the nesting is compared too.
const validPredicate = fc.record({
  reportType: fc.constantFrom("integrity_attestation", "hipaa_access_report"),
  scope: fc.string({ minLength: 1, maxLength: 256 }),
  period: fc.record({ start: instantLike(), end: instantLike() }),
  issuedAt: instantLike(),
  reportLeafIndex: fc.nat(),
  checkpointSize: fc.integer({ min: 1 }),
});
const validSubject = fc.record({
  name: fc.string({ minLength: 1, maxLength: 255 }),
  digest: fc.record({ sha256: hexLike(64) }),
});
const mostly = <T>(valid: fc.Arbitrary<T>, other: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: other });

const statementLike = objectLike({
  _type: orJunk(mostly(fc.constant(STATEMENT_TYPE), fc.constant("https://in-toto.io/Statement/v0.1"))),
  subject: orJunk(
    fc.oneof(
      { weight: 9, arbitrary: fc.array(mostly(validSubject, subjectLike), { minLength: 1, maxLength: 4 }) },
      fc.array(subjectLike, { maxLength: 66 }),
      fc.array(validSubject, { minLength: 60, maxLength: 70 }),
    ),
  ),
  predicateType: orJunk(mostly(fc.constant(EVIDENCE_PREDICATE_TYPE), fc.constant("https://example.com/other"))),
  predicate: orJunk(mostly(validPredicate, predicateLike)),
});

let accepted = 0;
function same(read: unknown, parsed: { success: boolean; data?: unknown }): void {
  if (parsed.success) accepted++;
  expect(read).toEqual(parsed.success ? parsed.data : null);
}

describe("the verifier's statement readers and the builder's zod schemas", () => {
  it("agree on every predicate: same acceptance, same fields, unknown keys dropped", () => {
    accepted = 0;
    fc.assert(
      fc.property(predicateLike, (v) => same(readEvidencePredicate(v), ZEvidencePredicate.safeParse(v))),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(30);
  });

  it("agree on every statement", () => {
    accepted = 0;
    fc.assert(
      fc.property(statementLike, (v) => same(readEvidenceStatement(v), ZEvidenceStatement.safeParse(v))),
      { numRuns: 1500 },
    );
    expect(accepted).toBeGreaterThan(10);
  });

  it("accept a well-formed statement (so the properties are not only about refusals)", () => {
    const statement = {
      _type: STATEMENT_TYPE,
      subject: [{ name: "report.json", digest: { sha256: "0f".repeat(32) } }],
      predicateType: EVIDENCE_PREDICATE_TYPE,
      predicate: {
        reportType: "integrity_attestation",
        scope: "organization",
        period: { start: "2026-12-01T00:00:00.000Z", end: "2026-12-07T00:00:00.000Z" },
        issuedAt: "2026-12-07T00:00:01.000Z",
        reportLeafIndex: 39,
        checkpointSize: 40,
      },
    };
    expect(readEvidenceStatement({ ...statement, extra: true })).toEqual(statement);
    expect(
      readEvidenceStatement({ ...statement, predicate: { ...statement.predicate, checkpointSize: 0 } }),
    ).toBeNull();
  });
});
