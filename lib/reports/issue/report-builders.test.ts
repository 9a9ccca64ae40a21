import { describe, expect, it } from "vitest";
import { REPORT_BUILDERS } from "./report-builders";
import { REPORT_CATALOG } from "./report-catalog";

describe("the report catalog and the builders", () => {
  it("have one builder per catalog type, each knowing its own type", () => {
    expect(Object.keys(REPORT_BUILDERS).sort()).toEqual(REPORT_CATALOG.map((e) => e.type).sort());
    for (const [type, builder] of Object.entries(REPORT_BUILDERS)) expect(builder.type).toBe(type);
  });
  it("has unique types and titles", () => {
    expect(new Set(REPORT_CATALOG.map((e) => e.type)).size).toBe(REPORT_CATALOG.length);
    expect(new Set(REPORT_CATALOG.map((e) => e.title)).size).toBe(REPORT_CATALOG.length);
  });
});
