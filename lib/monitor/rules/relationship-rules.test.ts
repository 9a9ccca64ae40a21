import { describe, expect, it } from "vitest";
import { evaluateRules } from "./evaluate-rules";
import { DEFAULT_RULE_SET } from "./rule-set";
import { ACTOR, OTHER_ACTOR, PATIENT, batch, event, facts, patientFacts, userFacts } from "./rule-fixtures";
import type { TMonitorEvent, TMonitorFacts } from "./types";

const hits = (f: TMonitorFacts, events: TMonitorEvent[]) =>
  evaluateRules(batch(events), f, DEFAULT_RULE_SET).findings.map((x) => `${x.ruleId}:${x.reasonCode}`);

describe("relationship rules", () => {
  it("finds nothing when a clinician opens an unrelated patient", () => {
    expect(hits(facts(), [event()])).toEqual([]);
  });

  it("self-access: the actor's own patient record, not the same-last-name rule as well", () => {
    const f = facts({
      users: [userFacts({ ownPatientId: PATIENT, lastNameIndex: "x" })],
      patients: [patientFacts({ lastNameIndex: "x" })],
    });
    expect(hits(f, [event()])).toEqual(["self-access:own-record"]);
  });

  it("a patient reading their own record through the portal is not self-access", () => {
    const f = facts({ users: [userFacts({ role: "PATIENT", ownPatientId: PATIENT })] });
    expect(hits(f, [event({ actorRole: "PATIENT" })])).toEqual([]);
  });

  it("same-last-name compares blind indexes and ignores a missing one", () => {
    expect(hits(facts({ patients: [patientFacts({ lastNameIndex: "ln-actor" })] }), [event()])).toEqual([
      "same-last-name:last-name-index-equal",
    ]);
    const none = facts({
      users: [userFacts({ lastNameIndex: null })],
      patients: [patientFacts({ lastNameIndex: null })],
    });
    expect(hits(none, [event()])).toEqual([]);
  });

  it("same-address matches the current and the prior addresses", () => {
    expect(hits(facts({ patients: [patientFacts({ addressIndex: "addr-actor" })] }), [event()])).toEqual([
      "same-address:current-address-index-equal",
    ]);
    expect(hits(facts({ patients: [patientFacts({ priorAddressIndexes: ["a", "addr-actor"] })] }), [event()])).toEqual([
      "same-address:prior-address-index-equal",
    ]);
  });

  it("contact-name matches a next of kin with the actor's last name", () => {
    expect(hits(facts({ patients: [patientFacts({ contactNameIndexes: ["ln-actor"] })] }), [event()])).toEqual([
      "contact-name:contact-name-index-equal",
    ]);
  });

  it("co-worker: a patient who is another employee", () => {
    expect(hits(facts({ patients: [patientFacts({ staffUserId: OTHER_ACTOR })] }), [event()])).toEqual([
      "co-worker:patient-is-employee",
    ]);
  });

  it("a denied attempt is looked at like an allowed one", () => {
    const f = facts({ patients: [patientFacts({ staffUserId: OTHER_ACTOR })] });
    expect(hits(f, [event({ outcome: "4" })])).toEqual(["co-worker:patient-is-employee"]);
  });

  it("a search listing a patient is not an open", () => {
    const f = facts({ patients: [patientFacts({ lastNameIndex: "ln-actor" })] });
    expect(hits(f, [event({ subtype: "search-type" })])).toEqual([]);
  });

  describe("vip", () => {
    const vip = patientFacts({
      vipPeriods: [{ from: new Date("2026-06-01T00:00:00Z"), to: new Date("2026-06-10T00:00:00Z") }],
    });

    it("fires inside the period, for someone off the care team without break-glass", () => {
      expect(hits(facts({ patients: [vip] }), [event()])).toEqual(["vip:vip-not-care-team"]);
    });

    it("does not fire outside the period, on the care team, or under break-glass", () => {
      expect(hits(facts({ patients: [vip] }), [event({ recorded: new Date("2026-06-10T00:00:00Z") })])).toEqual([]);
      const onTeam = {
        ...vip,
        careTeam: [{ userId: ACTOR, addedById: OTHER_ACTOR, from: new Date("2026-05-01"), to: null }],
      };
      expect(hits(facts({ patients: [onTeam] }), [event()])).toEqual([]);
      expect(hits(facts({ patients: [vip] }), [event({ breakGlass: true, purposeOfUse: "ETREAT" })])).toEqual([]);
    });
  });

  describe("deceased", () => {
    const dead = patientFacts({ deceasedAt: new Date("2026-05-01T00:00:00Z") });

    it("fires only after the grace period", () => {
      expect(hits(facts({ patients: [dead] }), [event({ recorded: new Date("2026-05-31T00:00:00Z") })])).toEqual([]);
      expect(hits(facts({ patients: [dead] }), [event({ recorded: new Date("2026-06-01T00:00:00Z") })])).toEqual([
        "deceased:after-death-grace",
      ]);
    });
  });

  describe("department-mismatch", () => {
    it("fires for a patient of other departments only, off the care team", () => {
      expect(hits(facts({ patients: [patientFacts({ departments: ["Oncology"] })] }), [event()])).toEqual([
        "department-mismatch:other-department-patient",
      ]);
      expect(hits(facts({ patients: [patientFacts({ departments: ["Oncology", "Cardiology"] })] }), [event()])).toEqual(
        [],
      );
      expect(hits(facts({ patients: [patientFacts({ departments: [] })] }), [event()])).toEqual([]);
    });
  });

  it("a disabled rule finds nothing", () => {
    const config = { ...DEFAULT_RULE_SET.config, coWorker: { enabled: false, severity: "medium" as const } };
    const f = facts({ patients: [patientFacts({ staffUserId: OTHER_ACTOR })] });
    expect(evaluateRules(batch([event()]), f, { config, hash: "x" }).findings).toEqual([]);
  });

  it("findings carry the local day and no index value", () => {
    const f = facts({ patients: [patientFacts({ lastNameIndex: "ln-actor" })] });
    // 23:30 UTC is already the next day in Berlin (UTC+2 in June).
    const [hit] = evaluateRules(
      batch([event({ recorded: new Date("2026-06-03T23:30:00Z") })]),
      f,
      DEFAULT_RULE_SET,
    ).findings;
    expect(hit).toMatchObject({ actorId: ACTOR, patientId: PATIENT, day: "2026-06-04" });
    expect(JSON.stringify(hit)).not.toContain("ln-actor");
  });
});
