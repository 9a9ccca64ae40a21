import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { parseAuditEventQuery, parseDateParam } from "./parse-audit-event-query";

const P = "3f2a7c1e-0d4b-4e6a-8b9c-1a2b3c4d5e6f";
const parse = (qs: string) => parseAuditEventQuery(new URLSearchParams(qs));
const iso = (d?: Date) => d?.toISOString();

function problems(qs: string): string[] {
  try {
    parse(qs);
  } catch (e) {
    if (e instanceof ZodError) return e.issues.map((i) => i.message);
    throw e;
  }
  return [];
}

describe("AuditEvent search parameters", () => {
  it("reads patient, agent, outcome and defaults", () => {
    expect(parse(`patient=Patient/${P}&agent=${P.toUpperCase()}&outcome=4`)).toMatchObject({
      patient: P,
      agent: P,
      outcome: "4",
      _count: 50,
      _sort: "-date",
      date: {},
    });
    expect(parse(`patient=${P}&_count=500&_sort=date`)).toMatchObject({ patient: P, _count: 500, _sort: "date" });
  });

  it("gives day values the whole day and intersects repeated dates", () => {
    const q = parse("date=ge2026-03-01&date=le2026-03-31");
    expect([iso(q.date.gte), iso(q.date.lt)]).toEqual(["2026-03-01T00:00:00.000Z", "2026-04-01T00:00:00.000Z"]);
    const tight = parse("date=ge2026-03-01&date=ge2026-03-05&date=lt2026-03-20&date=le2026-03-31");
    expect([iso(tight.date.gte), iso(tight.date.lt)]).toEqual(["2026-03-05T00:00:00.000Z", "2026-03-20T00:00:00.000Z"]);
  });

  it.each([
    ["2026-03-01", "2026-03-01T00:00:00.000Z", "2026-03-02T00:00:00.000Z"],
    ["gt2026-03-01", "2026-03-02T00:00:00.000Z", undefined],
    ["lt2026-03-01", undefined, "2026-03-01T00:00:00.000Z"],
    ["ge2026-03-01T10:00:00+02:00", "2026-03-01T08:00:00.000Z", undefined],
    ["le2026-03-01T10:00:00Z", undefined, "2026-03-01T10:00:01.000Z"],
    ["eq2026-03-01T10:00:00.12Z", "2026-03-01T10:00:00.120Z", "2026-03-01T10:00:00.130Z"],
    ["le2026-03-01T10:00:00.123Z", undefined, "2026-03-01T10:00:00.124Z"],
  ])("date=%s → [%s, %s)", (value, gte, lt) => {
    const b = parseDateParam(value);
    expect([iso(b?.gte), iso(b?.lt)]).toEqual([gte, lt]);
  });

  it.each([
    "2026-02-30",
    "ge2026-13-01",
    "ge2026-03-01T25:00:00Z",
    "ge2026-03-01T10:00:00",
    "ne2026-03-01",
    "yesterday",
  ])("rejects date=%s", (v) => {
    expect(parseDateParam(v)).toBeNull();
  });

  it("lists every problem at once", () => {
    const p = problems(`patient=Smith&agent=x&date=ge2026-13-01&outcome=2&_count=0&_sort=name&foo=1`);
    expect(p).toEqual(
      expect.arrayContaining([
        "patient must be an id or Patient/<id>",
        "agent must be an id or Practitioner/<id>",
        "outcome must be 0, 4, 8 or 12",
        "_count must be at least 1",
        "_sort must be date or -date",
        expect.stringMatching(/^date "ge2026-13-01" is not a date search value/),
        expect.stringMatching(/foo/),
      ]),
    );
    expect(p).toHaveLength(7);
    expect(problems(`patient=${P}&patient=${P}`)).toEqual(["patient may be given only once"]);
    expect(problems("_count=501")).toEqual(["_count must be at most 500"]);
    expect(problems("_count=abc")).toHaveLength(1);
  });
});
