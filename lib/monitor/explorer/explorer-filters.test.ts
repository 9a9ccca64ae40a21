import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { csvCell, csvLine } from "./csv-cell";
import { decodeCursor, encodeCursor } from "./explorer-cursor";
import { parseExplorerFilters } from "./explorer-filters";
import { explorerSearchParams } from "./explorer-query-string";

const parse = (q: string) => parseExplorerFilters(new URLSearchParams(q));
const ID = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";

function refused(q: string): { path: string; message: string }[] {
  try {
    parse(q);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("bad_request");
    return (error as AppError).details ?? [];
  }
  throw new Error(`"${q}" was accepted`);
}

describe("explorer filters", () => {
  it("reads every filter, treats empty values as absent and a bare 'to' day as the whole day", () => {
    const f = parse(
      `from=2026-03-01&to=2026-03-31&actor=${ID}&role=CLINICIAN&department=${ID}&patient=${ID}` +
        "&action=R&outcome=denied&purpose=ETREAT&breakGlass=yes&limit=200&cursor=&x=",
    );
    expect(f.from?.toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(f.to?.toISOString()).toBe("2026-04-01T00:00:00.000Z");
    expect(f).toMatchObject({ actor: ID, role: "CLINICIAN", outcome: "denied", breakGlass: "yes", limit: 200 });
    expect(f.cursor).toBeUndefined();
    expect(parse("").limit).toBe(50);
  });

  it("refuses each bad parameter by name, unknown and repeated ones included", () => {
    const paths = (q: string) => refused(q).map((d) => d.path);
    expect(paths("actor=42")).toEqual(["actor"]);
    expect(paths("cursor=AAAA&role=ROOT")).toEqual(["role", "cursor"]);
    expect(paths("role=ROOT&limit=201")).toEqual(["role", "limit"]);
    expect(paths("limit=0")).toEqual(["limit"]);
    expect(paths("from=2026-02-30")).toEqual(["from"]);
    expect(paths("from=yesterday")).toEqual(["from"]);
    expect(paths("from=2026-03-02&to=2026-03-01")).toEqual(["to"]);
    // Both ends malformed, or one: the range checks must not run on what was not parsed.
    expect(paths("from=Infinity&to=%01")).toEqual(["from", "to"]);
    expect(paths("from=2026-01-01&to=%01")).toEqual(["to"]);
    expect(paths("from=2026-02-30&to=2026-03-01")).toEqual(["from"]);
    expect(paths("outcome=1")).toEqual(["outcome"]);
    expect(paths(`patient=${ID}&patient=${ID}`)).toEqual(["patient"]);
    expect(paths("breakGlass=yes&purpose=TREAT")).toEqual(["purpose"]);
    expect(refused("mrn=MRN1000001")[0].message).toMatch(/mrn/);
    // A rule hit names a monitoring rule; a declaration is not a rule and cites no event.
    expect(paths("rule=nope")).toEqual(["rule"]);
    expect(paths("rule=break-glass-declared")).toEqual(["rule"]);
    expect(parse("rule=after-hours").rule).toBe("after-hours");
  });

  it("writes the filters back as the same query string, ids only, in one order", () => {
    const q = `rule=volume&patient=${ID}&from=2026-03-01&to=2026-03-31&outcome=4&role=AUDITOR`;
    const f = parse(q);
    const back = explorerSearchParams(f).toString();
    expect(back).toBe(`from=2026-03-01&to=2026-03-31&role=AUDITOR&patient=${ID}&outcome=4&rule=volume`);
    expect(parse(back)).toEqual(f);
    const t = parse("from=2026-03-01T10:30:00Z");
    expect(explorerSearchParams(t).get("from")).toBe("2026-03-01T10:30:00.000Z");
  });
});

describe("explorer cursor", () => {
  const c = { direction: "next" as const, recorded: new Date("2026-03-01T10:00:00.123Z"), id: ID };

  it("round-trips and refuses anything it did not issue", () => {
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    const good = encodeCursor(c);
    const bad = [
      "",
      "not a cursor",
      Buffer.from("v1:n:2026-03-01T10:00:00.123Z:nope").toString("base64url"),
      Buffer.from(`v2:n:2026-03-01T10:00:00.123Z:${ID}`).toString("base64url"),
      Buffer.from(`v1:n:2026-02-30T10:00:00.123Z:${ID}`).toString("base64url"),
      `${good}=`,
      good.slice(0, -2),
      good.replace(/.$/, (ch) => (ch === "A" ? "B" : "A")),
    ];
    for (const b of bad) {
      expect(() => decodeCursor(b), b).toThrow(AppError);
    }
  });
});

describe("CSV cells", () => {
  it("quotes what needs quoting and defuses formulas", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('say "hi", then')).toBe('"say ""hi"", then"');
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    for (const s of ["+1", "-1+2", "@SUM(A1)", "\tx", "\r=1"]) expect(csvCell(s).replace(/^"/, "")).toMatch(/^'/);
    expect(csvCell(null)).toBe("");
    expect(csvCell(-3)).toBe("-3");
    expect(csvLine(["a", 1, true])).toBe("a,1,true\r\n");
  });
});
