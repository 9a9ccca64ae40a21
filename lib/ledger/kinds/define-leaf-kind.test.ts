import fc from "fast-check";
import canonicalize from "canonicalize";
import { describe, expect, it } from "vitest";
import { utf8Decode } from "../tlog/encoding";
import { leafHash } from "../tlog/merkle";
import { defineLeafKind, leafBytesFor, leafHashFor, pickLeafFields } from "./define-leaf-kind";
import { LEAF_KINDS } from "./index";

const value = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.string(),
  fc.double(),
  fc.bigInt(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date({ noInvalidDate: true }),
  fc.uint8Array({ maxLength: 40 }),
  fc.jsonValue(),
);

describe("leaf bytes", () => {
  it("are '<kind>/v<version>\\n' + canonicalize(picked fields) for every field-list kind", () => {
    // Field-list kinds of one version (the others pin their formats in their own tests).
    const kinds = Object.values(LEAF_KINDS).filter(
      (k) =>
        ![
          "integrity_run",
          "disclosure",
          "break_glass",
          "erasure_decision",
          "alert_acknowledgement",
          "case_transition",
          "report_issued",
        ].includes(k.kind),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds),
        fc.dictionary(fc.string(), value),
        fc.array(value, { minLength: 20, maxLength: 20 }),
        (kind, extra, vals) => {
          const row: Record<string, unknown> = { ...extra };
          kind.fields.forEach((f, i) => (row[f] = vals[i]));
          let expected: string | undefined;
          try {
            expected = `${kind.kind}/v${kind.version}\n${canonicalize(pickLeafFields(row, kind.fields))}`;
          } catch {
            expect(() => leafBytesFor(kind, row)).toThrow();
            return;
          }
          expect(utf8Decode(leafBytesFor(kind, row))).toBe(expected);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it("pin the access-event format (a change here breaks verification of stored leaves)", () => {
    const row = {
      id: "8f14e45f-ceea-467a-9e4f-3b0b3b8b1a2c",
      recorded: new Date("2026-03-01T08:30:00.123Z"),
      type: "110114",
      subtype: "110122",
      action: "E",
      outcome: "4",
      outcomeDesc: "wrong password",
      actorId: null,
      actorRole: "CLINICIAN",
      purposeOfUse: null,
      patientId: null,
      entityWhat: "User/1",
      requestId: "r-1",
      network: "10.0.0.7",
      userAgent: "curl/8",
      query: "name=Smith",
    };
    const text = utf8Decode(leafBytesFor(LEAF_KINDS.access_event, row));
    expect(text).toBe(
      'access_event/v1\n{"action":"E","actorId":null,"actorRole":"CLINICIAN","entityWhat":"User/1","id":"8f14e45f-ceea-467a-9e4f-3b0b3b8b1a2c",' +
        '"network":"10.0.0.7","outcome":"4","outcomeDesc":"wrong password","patientId":null,"purposeOfUse":null,' +
        '"recorded":"2026-03-01T08:30:00.123Z","requestId":"r-1","subtype":"110122","type":"110114","userAgent":"curl/8"}',
    );
    expect(text).not.toContain("Smith");
    expect(leafHashFor(LEAF_KINDS.access_event, row)).toEqual(leafHash(leafBytesFor(LEAF_KINDS.access_event, row)));
  });

  it("encode the same row identically whether it came from Prisma or node-postgres", () => {
    const prismaRow = {
      id: "a",
      sha256: new Uint8Array([1, 2, 255]),
      title: "t",
      createdById: null,
      createdAt: new Date(0),
    };
    const pgRow = { ...prismaRow, sha256: Buffer.from([1, 2, 255]) };
    expect(leafBytesFor(LEAF_KINDS.notarized_document, prismaRow)).toEqual(
      leafBytesFor(LEAF_KINDS.notarized_document, pgRow),
    );
    const run = {
      id: "r",
      mode: "full",
      startedAt: new Date(0),
      finishedAt: new Date(1),
      ok: true,
      findingCount: 0,
      findings: [],
    };
    expect(leafBytesFor(LEAF_KINDS.integrity_run, { ...run, treeSize: 5n })).toEqual(
      leafBytesFor(LEAF_KINDS.integrity_run, { ...run, treeSize: "5" }),
    );
  });

  it("rejects kinds without an id or with a bad name", () => {
    expect(() => defineLeafKind({ kind: "x", version: 1, table: "X", fields: ["a"] })).toThrow(/id/);
    expect(() => defineLeafKind({ kind: "Bad-Kind", version: 1, table: "X", fields: ["id"] })).toThrow(/snake_case/);
  });
});
