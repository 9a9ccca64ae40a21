import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dedupeFindings, evaluateRules, findingKey } from "./evaluate-rules";
import { DEFAULT_RULE_SET } from "./rule-set";
import { CARDIOLOGY, batch, event, facts, patientFacts, userFacts } from "./rule-fixtures";
import type { TFinding, TMonitorEvent, TMonitorFacts } from "./types";

const ACTORS = [
  "00000000-0000-4000-8000-00000000a001",
  "00000000-0000-4000-8000-00000000a002",
  "00000000-0000-4000-8000-00000000a003",
];
const PATIENTS = [
  "00000000-0000-4000-8000-00000000b001",
  "00000000-0000-4000-8000-00000000b002",
  "00000000-0000-4000-8000-00000000b003",
  "00000000-0000-4000-8000-00000000b004",
];
const INDEXES = ["i1", "i2", null];
const T0 = Date.UTC(2026, 2, 27); // the Friday before Berlin's spring DST switch

const arbFacts: fc.Arbitrary<TMonitorFacts> = fc
  .record({
    users: fc.tuple(
      ...ACTORS.map((id) =>
        fc
          .record({
            lastNameIndex: fc.constantFrom(...INDEXES),
            addressIndex: fc.constantFrom(...INDEXES),
            ownPatientId: fc.constantFrom(null, ...PATIENTS),
            disabledAt: fc.option(fc.integer({ min: 0, max: 4 * 86_400_000 })),
            role: fc.constantFrom("CLINICIAN" as const, "COMPLIANCE_OFFICER" as const),
          })
          .map((u) =>
            userFacts({
              id,
              role: u.role,
              lastNameIndex: u.lastNameIndex,
              addressIndex: u.addressIndex,
              ownPatientId: u.ownPatientId,
              statusHistory: u.disabledAt === null ? [] : [{ status: "disabled", at: new Date(T0 + u.disabledAt) }],
            }),
          ),
      ),
    ),
    patients: fc.tuple(
      ...PATIENTS.map((id) =>
        fc
          .record({
            lastNameIndex: fc.constantFrom(...INDEXES),
            addressIndex: fc.constantFrom(...INDEXES),
            prior: fc.subarray(["i1", "i2"]),
            contacts: fc.subarray(["i1", "i2"]),
            staffUserId: fc.constantFrom(null, ...ACTORS),
            vip: fc.boolean(),
            deceased: fc.boolean(),
            departments: fc.subarray(["Cardiology", "Oncology"]),
            careTeam: fc.subarray(ACTORS),
          })
          .map((p) =>
            patientFacts({
              id,
              lastNameIndex: p.lastNameIndex,
              addressIndex: p.addressIndex,
              priorAddressIndexes: p.prior,
              contactNameIndexes: p.contacts,
              staffUserId: p.staffUserId,
              vipPeriods: p.vip ? [{ from: new Date(T0), to: null }] : [],
              deceasedAt: p.deceased ? new Date(T0 - 60 * 86_400_000) : null,
              departments: p.departments,
              careTeam: p.careTeam.map((userId) => ({
                userId,
                addedById: userId,
                from: new Date(T0 + 86_400_000),
                to: null,
              })),
            }),
          ),
      ),
    ),
  })
  .map((f) => facts({ users: f.users, patients: f.patients, departments: [CARDIOLOGY] }));

const arbEvent: fc.Arbitrary<TMonitorEvent> = fc
  .record({
    actorId: fc.constantFrom(...ACTORS),
    patientId: fc.constantFrom(null, ...PATIENTS),
    at: fc.integer({ min: 0, max: 4 * 86_400_000 }),
    action: fc.constantFrom("R", "R", "U", "C", "E"),
    denied: fc.boolean(),
    breakGlass: fc.boolean(),
  })
  .map((e) =>
    event({
      actorId: e.actorId,
      patientId: e.patientId,
      recorded: new Date(T0 + e.at),
      action: e.action,
      subtype: { R: "read", U: "update", C: "create", E: "export" }[e.action]!,
      outcome: e.denied ? "4" : "0",
      breakGlass: e.breakGlass,
      purposeOfUse: e.breakGlass ? "ETREAT" : "TREAT",
    }),
  );

/** Findings in a form that ignores order (of findings and of their event ids). */
const normal = (findings: readonly TFinding[]) =>
  findings
    .map((f) => ({ ...f, eventIds: [...f.eventIds].sort() }))
    .sort((a, b) => (findingKey(a) < findingKey(b) ? -1 : 1));

const run = (events: TMonitorEvent[], f: TMonitorFacts) => evaluateRules(batch(events), f, DEFAULT_RULE_SET).findings;

describe("evaluateRules properties", () => {
  it("the order in which a batch arrives does not change its findings", () => {
    fc.assert(
      fc.property(
        arbFacts,
        fc
          .array(arbEvent, { maxLength: 40 })
          .chain((es) =>
            fc.tuple(fc.constant(es), fc.shuffledSubarray(es, { minLength: es.length, maxLength: es.length })),
          ),
        (f, [events, shuffled]) => {
          expect(normal(run(shuffled, f))).toEqual(normal(run(events, f)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("adding events of another actor on other patients never removes a finding", () => {
    const stranger = "00000000-0000-4000-8000-00000000a999";
    const strangerPatient = "00000000-0000-4000-8000-00000000b999";
    fc.assert(
      fc.property(
        arbFacts,
        fc.array(arbEvent, { maxLength: 30 }),
        fc.array(arbEvent, { maxLength: 20 }),
        (f, events, extra) => {
          const unrelated = extra.map((e) => ({ ...e, actorId: stranger, patientId: e.patientId && strangerPatient }));
          const before = run(events, f).map(findingKey);
          const after = new Set(run([...events, ...unrelated], f).map(findingKey));
          for (const key of before) expect(after.has(key)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("every finding is about new events of its actor, at most once per (rule, actor, patient, day)", () => {
    fc.assert(
      fc.property(arbFacts, fc.array(arbEvent, { maxLength: 40 }), (f, events) => {
        const findings = run(events, f);
        const keys = findings.map(findingKey);
        expect(new Set(keys).size).toBe(keys.length);
        const byId = new Map(events.map((e) => [e.id, e]));
        for (const x of findings) {
          expect(x.eventIds.length).toBeGreaterThan(0);
          for (const id of x.eventIds) expect(byId.get(id)?.actorId).toBe(x.actorId);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a relationship rule looks at a denied attempt as at an allowed one", () => {
    const relationship = new Set([
      "self-access",
      "same-last-name",
      "same-address",
      "contact-name",
      "co-worker",
      "vip",
      "deceased",
      "department-mismatch",
    ]);
    fc.assert(
      fc.property(arbFacts, fc.array(arbEvent, { maxLength: 30 }), (f, events) => {
        const keys = (es: TMonitorEvent[]) =>
          run(es, f)
            .filter((x) => relationship.has(x.ruleId))
            .map(findingKey)
            .sort();
        expect(keys(events.map((e) => ({ ...e, outcome: "4" })))).toEqual(
          keys(events.map((e) => ({ ...e, outcome: "0" }))),
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe("dedupeFindings", () => {
  it("merges one key's events and keeps the highest severity", () => {
    const base = { ruleId: "vip", actorId: "a", patientId: "p", day: "2026-06-01", reasonCode: "r", details: {} };
    const merged = dedupeFindings([
      { ...base, severity: "low", eventIds: ["e1", "e2"] },
      { ...base, severity: "high", eventIds: ["e2", "e3"] },
      { ...base, day: "2026-06-02", severity: "low", eventIds: ["e4"] },
    ]);
    expect(merged).toEqual([
      { ...base, severity: "high", eventIds: ["e1", "e2", "e3"] },
      { ...base, day: "2026-06-02", severity: "low", eventIds: ["e4"] },
    ]);
  });
});
