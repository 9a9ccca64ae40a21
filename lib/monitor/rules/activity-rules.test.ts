import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateRules } from "./evaluate-rules";
import { DEFAULT_RULE_SET } from "./rule-set";
import { ACTOR, CARDIOLOGY, OTHER_ACTOR, PATIENT, batch, event, facts, patientFacts, userFacts } from "./rule-fixtures";
import { inShift } from "./shift-hours";
import type { TMonitorBatch, TMonitorEvent, TMonitorFacts } from "./types";

const run = (b: TMonitorBatch, f: TMonitorFacts) => evaluateRules(b, f, DEFAULT_RULE_SET).findings;
const of = (rule: string, b: TMonitorBatch, f: TMonitorFacts) => run(b, f).filter((x) => x.ruleId === rule);
const at = (iso: string) => new Date(iso);
const pid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const manyPatients = (n: number) => Array.from({ length: n }, (_, i) => patientFacts({ id: pid(i) }));
const minutesApart = (n: number, o: Partial<TMonitorEvent> & { start: string }) =>
  Array.from({ length: n }, (_, i) =>
    event({ patientId: pid(i), recorded: new Date(at(o.start).getTime() + i * 60_000), ...o }),
  );

describe("account-status", () => {
  it("finds acts of a disabled or terminated account, not those before the change", () => {
    const f = facts({
      users: [userFacts({ statusHistory: [{ status: "terminated", at: at("2026-06-03T09:00:00Z") }] })],
    });
    expect(of("account-status", batch([event({ recorded: at("2026-06-03T08:59:00Z") })]), f)).toEqual([]);
    expect(
      of("account-status", batch([event({ recorded: at("2026-06-03T09:00:00Z"), outcome: "4" })]), f)[0],
    ).toMatchObject({
      reasonCode: "acted-while-terminated",
      severity: "high",
    });
  });

  it("uses the latest change: re-enabled accounts are active again", () => {
    const history = [
      { status: "active" as const, at: at("2026-06-02T00:00:00Z") },
      { status: "disabled" as const, at: at("2026-06-01T00:00:00Z") },
    ];
    expect(of("account-status", batch([event()]), facts({ users: [userFacts({ statusHistory: history })] }))).toEqual(
      [],
    );
  });

  it("finds a dormant account acting again, measured from its last activity", () => {
    const f = facts({ users: [userFacts({ lastActivityBefore: at("2026-03-01T00:00:00Z") })] });
    expect(of("account-status", batch([event()]), f)[0]).toMatchObject({
      reasonCode: "dormant-account-active",
      severity: "medium",
    });
    const recent = facts({ users: [userFacts({ lastActivityBefore: at("2026-05-01T00:00:00Z") })] });
    expect(of("account-status", batch([event()]), recent)).toEqual([]);
  });
});

describe("after-hours", () => {
  const quiet = { actorHourOfWeek: () => 0, departmentHourOfWeek: () => 0 };

  it("fires outside the shifts when neither baseline shows activity in that hour of the week", () => {
    // Wednesday 23:00 in Berlin (21:00 UTC in summer).
    const night = batch([event({ recorded: at("2026-06-03T21:00:00Z") })]);
    expect(of("after-hours", night, facts({ baselines: quiet }))[0]).toMatchObject({
      reasonCode: "outside-shift-and-baselines",
      day: "2026-06-03",
      details: { hourOfWeek: 2 * 24 + 23 },
    });
    expect(of("after-hours", night, facts({ baselines: { ...quiet, actorHourOfWeek: () => 5 } }))).toEqual([]);
    expect(of("after-hours", night, facts({ baselines: { ...quiet, departmentHourOfWeek: () => 50 } }))).toEqual([]);
  });

  it("a shift is wall-clock time: 07:30 local is in shift on the day clocks go forward and back", () => {
    // Monday 2026-03-30 and 2026-10-26 are the first working days after Berlin's DST changes.
    for (const iso of ["2026-03-30T05:30:00Z", "2026-10-26T06:30:00Z", "2026-03-27T06:30:00Z"]) {
      expect(of("after-hours", batch([event({ recorded: at(iso) })]), facts({ baselines: quiet }))).toEqual([]);
    }
    // 06:30 local on the Monday after spring-forward is 04:30 UTC: before the shift.
    expect(
      of("after-hours", batch([event({ recorded: at("2026-03-30T04:30:00Z") })]), facts({ baselines: quiet })),
    ).toHaveLength(1);
  });

  it("night shifts run past midnight", () => {
    const nights = [{ weekday: 7, start: "19:00", end: "07:00" }];
    expect(inShift(nights, { weekday: 7, hour: 23, minute: 0 })).toBe(true);
    expect(inShift(nights, { weekday: 1, hour: 6, minute: 59 })).toBe(true);
    expect(inShift(nights, { weekday: 1, hour: 7, minute: 0 })).toBe(false);
    expect(inShift(nights, { weekday: 7, hour: 18, minute: 59 })).toBe(false);
  });

  it("for any instant, an event in shift is never after-hours whatever the baselines (DST included)", () => {
    const always = {
      ...CARDIOLOGY,
      shifts: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "00:00", end: "00:00" })),
    };
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2028, 0, 1) }), (ms) => {
        const b = batch([event({ recorded: new Date(ms) })]);
        expect(of("after-hours", b, facts({ departments: [always], baselines: quiet }))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});

describe("volume", () => {
  const opens = (n: number) => minutesApart(n, { start: "2026-06-03T08:00:00Z" });

  it("fires against the actor's own baseline with a robust z-score", () => {
    const f = facts({
      patients: manyPatients(40),
      baselines: { actorDailyDistinctPatients: () => [8, 10, 12, 9, 11, 10, 10] },
    });
    expect(of("volume", batch(opens(30)), f)[0]).toMatchObject({
      reasonCode: "above-own-baseline",
      details: { distinctPatients: 30, ownMedian: 10 },
    });
    expect(of("volume", batch(opens(12)), f)).toEqual([]);
  });

  it("fires against peers of the same role and department", () => {
    const peer = { peerDailyDistinctPatients: () => [10, 9, 11, 10, 12, 8, 10, 11] };
    expect(of("volume", batch(opens(30)), facts({ patients: manyPatients(40), baselines: peer }))[0]).toMatchObject({
      reasonCode: "above-peer-baseline",
    });
  });

  it("counts the day's patients seen before the batch, and needs enough baseline days", () => {
    const before = new Set(Array.from({ length: 25 }, (_, i) => pid(100 + i)));
    const f = facts({
      baselines: { actorDailyDistinctPatients: () => [10, 10, 10, 10, 10, 10, 10], dayPatientsBefore: () => before },
    });
    expect(of("volume", batch(opens(1)), f)[0]?.details.distinctPatients).toBe(26);
    const short = facts({ baselines: { actorDailyDistinctPatients: () => [1, 1], dayPatientsBefore: () => before } });
    expect(of("volume", batch(opens(1)), short)).toEqual([]);
  });
});

describe("repeated-denials", () => {
  it("fires on five denials within fifteen minutes, counting lookback, reported once", () => {
    const denials = minutesApart(5, { start: "2026-06-03T08:00:00Z", outcome: "4" });
    expect(of("repeated-denials", batch(denials), facts())[0]).toMatchObject({
      patientId: null,
      details: { denials: 5 },
    });
    expect(of("repeated-denials", batch(denials.slice(4), { lookback: denials.slice(0, 4) }), facts())).toHaveLength(1);
    // Already reported: no new event ends a window.
    expect(of("repeated-denials", batch([], { lookback: denials }), facts())).toEqual([]);
  });

  it("does not fire when the denials are spread out", () => {
    const spread = Array.from({ length: 5 }, (_, i) =>
      event({ outcome: "4", recorded: new Date(Date.UTC(2026, 5, 3, 8) + i * 5 * 60_000) }),
    );
    expect(of("repeated-denials", batch(spread), facts())).toEqual([]);
  });
});

describe("rapid-browsing", () => {
  it("fires on ten unrelated patients in ten minutes, not on care-team patients", () => {
    const browsing = minutesApart(10, { start: "2026-06-03T08:00:00Z", recorded: undefined });
    const spread = browsing.map((e, i) => ({ ...e, recorded: new Date(Date.UTC(2026, 5, 3, 8) + i * 50_000) }));
    expect(of("rapid-browsing", batch(spread), facts({ patients: manyPatients(10) }))).toHaveLength(1);
    const team = manyPatients(10).map((p) => ({
      ...p,
      careTeam: [{ userId: ACTOR, addedById: OTHER_ACTOR, from: at("2026-01-01"), to: null }],
    }));
    expect(of("rapid-browsing", batch(spread), facts({ patients: team }))).toEqual([]);
  });
});

describe("care-team-add-then-open", () => {
  it("fires on an open right after being added, naming a self-add", () => {
    const added = (by: string) =>
      facts({
        patients: [
          patientFacts({ careTeam: [{ userId: ACTOR, addedById: by, from: at("2026-06-03T09:59:30Z"), to: null }] }),
        ],
      });
    expect(of("care-team-add-then-open", batch([event()]), added(ACTOR))[0]).toMatchObject({
      reasonCode: "opened-after-self-add",
      patientId: PATIENT,
    });
    expect(of("care-team-add-then-open", batch([event()]), added(OTHER_ACTOR))[0]?.reasonCode).toBe(
      "opened-after-added",
    );
    expect(
      of("care-team-add-then-open", batch([event({ recorded: at("2026-06-03T10:05:00Z") })]), added(ACTOR)),
    ).toEqual([]);
  });
});

describe("bulk-export", () => {
  it("fires on a population export and on many patients exported within the window", () => {
    expect(
      of("bulk-export", batch([event({ action: "E", subtype: "export", patientId: null })]), facts())[0]?.reasonCode,
    ).toBe("population-export");
    const exports = Array.from({ length: 50 }, (_, i) =>
      event({
        action: "E",
        subtype: "export",
        patientId: pid(i),
        recorded: new Date(Date.UTC(2026, 5, 3, 8) + i * 1000),
      }),
    );
    expect(of("bulk-export", batch(exports), facts())[0]).toMatchObject({
      reasonCode: "patients-exported-in-window",
      details: { patients: 50 },
    });
    expect(of("bulk-export", batch(exports.slice(1)), facts())).toEqual([]);
  });

  it("takes only export operations for exports: a search, a sign-in or a sign-out names no patient either", () => {
    const notExports = [
      event({ action: "E", subtype: "search-type", patientId: null }),
      event({ type: "110114", subtype: "110122", action: "E", patientId: null }),
      event({ type: "110114", subtype: "110123", action: "E", patientId: null }),
    ];
    expect(of("bulk-export", batch(notExports), facts())).toEqual([]);
  });
});

describe("break-glass-escalation", () => {
  const bg = (o: Partial<TMonitorEvent> = {}) => event({ breakGlass: true, purposeOfUse: "ETREAT", ...o });

  it("fires when another rule hit the same actor and patient", () => {
    const f = facts({ patients: [patientFacts({ staffUserId: OTHER_ACTOR })] });
    expect(of("break-glass-escalation", batch([bg()]), f)[0]).toMatchObject({
      reasonCode: "break-glass-with-other-finding",
      details: { otherRule: "co-worker" },
    });
    expect(of("break-glass-escalation", batch([event()]), f)).toEqual([]);
  });

  it("fires when the actor's break-glass rate is far above the peers'", () => {
    const rates = (own: number, peers: number) =>
      facts({ baselines: { actorBreakGlassPerDay: () => own, peerBreakGlassPerDay: () => peers } });
    expect(of("break-glass-escalation", batch([bg()]), rates(2, 0.2))[0]?.reasonCode).toBe(
      "break-glass-above-peer-rate",
    );
    expect(of("break-glass-escalation", batch([bg()]), rates(2, 1))).toEqual([]);
  });

  it("fires for a window that ended in the evaluated interval without a clinical write", () => {
    const window = {
      id: pid(900),
      actorId: ACTOR,
      patientId: PATIENT,
      startedAt: at("2026-06-03T09:30:00Z"),
      expiresAt: at("2026-06-03T10:30:00Z"),
    };
    const reads = [bg({ recorded: at("2026-06-03T09:35:00Z") }), bg({ recorded: at("2026-06-03T09:40:00Z") })];
    const later = batch([], { lookback: reads, since: at("2026-06-03T10:29:00Z"), asOf: at("2026-06-03T10:31:00Z") });
    const f = facts({ breakGlassWindows: [window] });
    expect(of("break-glass-escalation", later, f)[0]).toMatchObject({
      reasonCode: "break-glass-without-clinical-write",
      eventIds: reads.map((e) => e.id),
    });
    const wrote = [
      ...reads,
      bg({ recorded: at("2026-06-03T09:50:00Z"), action: "U", subtype: "update", entityWhat: "Observation" }),
    ];
    expect(of("break-glass-escalation", { ...later, lookback: wrote }, f)).toEqual([]);
    // Not yet ended at asOf: looked at in a later evaluation.
    expect(of("break-glass-escalation", { ...later, asOf: at("2026-06-03T10:29:30Z") }, f)).toEqual([]);
  });
});
