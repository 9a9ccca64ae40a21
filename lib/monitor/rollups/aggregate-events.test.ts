import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TSealedAccessEvent } from "../watermark/sealed-access-events";
import { aggregateEvents, type TRollupIncrements } from "./aggregate-events";

const ids = ["a", "b", "c"].map((c) => `00000000-0000-4000-8000-00000000000${c}`);
const arbEvent: fc.Arbitrary<TSealedAccessEvent> = fc.record({
  ledgerIndex: fc.bigInt({ min: 0n, max: 1_000_000n }),
  id: fc.uuid(),
  recorded: fc.date({
    min: new Date("2026-03-01T00:00:00Z"),
    max: new Date("2026-03-04T00:00:00Z"),
    noInvalidDate: true,
  }),
  type: fc.constantFrom("rest", "110114"),
  subtype: fc.constantFrom("read", "search-type", "110122"),
  action: fc.constantFrom("R", "E", "C"),
  outcome: fc.constantFrom("0", "4", "8"),
  actorId: fc.option(fc.constantFrom(...ids)),
  actorRole: fc.option(fc.constantFrom("CLINICIAN" as const, "ADMIN" as const)),
  purposeOfUse: fc.option(fc.constantFrom("TREAT", "ETREAT")),
  patientId: fc.option(fc.constantFrom(...ids)),
  entityWhat: fc.option(fc.constantFrom("Observation", "Patient")),
  department: fc.option(fc.constantFrom("Cardiology", "Oncology")),
});

/** Adds increments the way the upserts do, keyed by each table's primary key. */
function apply(into: Map<string, Record<string, unknown>>, inc: TRollupIncrements) {
  const add = (table: string, key: string, row: Record<string, unknown>) => {
    const k = `${table}|${key}`;
    const old = into.get(k) as Record<string, number | Date> | undefined;
    if (!old) return void into.set(k, { ...row });
    old.events = (old.events as number) + (row.events as number);
    if ("denied" in row) old.denied = (old.denied as number) + (row.denied as number);
    if ("firstAt" in row && row.firstAt! < old.firstAt) old.firstAt = row.firstAt as Date;
    if ("lastAt" in row && row.lastAt! > old.lastAt) old.lastAt = row.lastAt as Date;
  };
  for (const r of inc.accessHourly) {
    const { events, ...dims } = r;
    void events;
    add("h", JSON.stringify(dims), r);
  }
  for (const r of inc.actorHourly) add("a", `${r.actorId}${r.hour.toISOString()}`, r);
  for (const r of inc.actorPatientDaily) add("p", `${r.day}${r.actorId}${r.patientId}`, r);
  return into;
}

describe("aggregateEvents", () => {
  it("gives the same totals however a stream is cut into batches (what lets the watermark step in any size)", () => {
    fc.assert(
      fc.property(fc.array(arbEvent, { maxLength: 200 }), fc.array(fc.nat(), { maxLength: 6 }), (events, cuts) => {
        const whole = apply(new Map(), aggregateEvents(events));
        const bounds = [...new Set(cuts.map((c) => c % (events.length + 1)))].sort((a, b) => a - b);
        const pieces = new Map<string, Record<string, unknown>>();
        let start = 0;
        for (const end of [...bounds, events.length]) {
          apply(pieces, aggregateEvents(events.slice(start, end)));
          start = end;
        }
        expect(pieces).toEqual(whole);
      }),
    );
  });

  it("counts every event once in the hourly table, refusals included", () => {
    fc.assert(
      fc.property(fc.array(arbEvent, { maxLength: 200 }), (events) => {
        const inc = aggregateEvents(events);
        expect(inc.accessHourly.reduce((n, r) => n + r.events, 0)).toBe(events.length);
        const withActor = events.filter((e) => e.actorId !== null);
        expect(inc.actorHourly.reduce((n, r) => n + r.denied, 0)).toBe(
          withActor.filter((e) => e.outcome !== "0").length,
        );
        const pairs = withActor.filter((e) => e.patientId !== null);
        expect(inc.actorPatientDaily.reduce((n, r) => n + r.events, 0)).toBe(pairs.length);
      }),
    );
  });

  it("buckets by UTC hour and day", () => {
    const e = {
      ...fc.sample(arbEvent, 1)[0],
      actorId: ids[0],
      patientId: ids[1],
      recorded: new Date("2026-03-01T23:59:59.999Z"),
    };
    const inc = aggregateEvents([e, { ...e, recorded: new Date("2026-03-02T00:00:00.000Z") }]);
    expect(inc.accessHourly.map((r) => r.hour.toISOString()).sort()).toEqual([
      "2026-03-01T23:00:00.000Z",
      "2026-03-02T00:00:00.000Z",
    ]);
    expect(inc.actorPatientDaily.map((r) => r.day).sort()).toEqual(["2026-03-01", "2026-03-02"]);
  });
});
