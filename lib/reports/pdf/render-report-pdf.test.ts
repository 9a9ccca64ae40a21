import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { renderReportPdf } from "./render-report-pdf";
import { requireTool } from "./testing/outside-tools";
import { SAMPLE_NAMES, sampleReport } from "./testing/sample-report";

let dir: string;
let pdf: Uint8Array;
let pages: string[];

/** The text of each page, as Poppler extracts it (so it also proves the fonts map back to Unicode). */
function pageTexts(file: string): string[] {
  requireTool("pdftotext");
  const out = spawnSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  expect(out.stderr).not.toMatch(/Couldn't|Error/);
  return out.stdout.split("\f").slice(0, -1);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "hl-pdf-"));
  pdf = await (await renderReportPdf(sampleReport(150))).save({ useObjectStreams: false });
  fs.writeFileSync(path.join(dir, "report.pdf"), pdf);
  pages = pageTexts(path.join(dir, "report.pdf"));
});

describe("renderReportPdf", () => {
  it("opens with a title page naming the report, its period, checkpoint and the quorum line", () => {
    const title = pages[0];
    expect(title).toContain("Access report for patient P-7f3a");
    expect(title).toContain("2026-11-01 00:00 UTC – 2026-11-30 23:59 UTC");
    expect(title).toContain("1,234,567 entries");
    expect(title).toContain("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    expect(title).toContain("Witness quorum NOT met: 1 cosignature of 2 required.");
  });

  it("runs the table over several pages, repeating its header, with page numbers on every page", () => {
    expect(pages.length).toBeGreaterThan(4);
    pages.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${pages.length}`));
    for (const text of pages.slice(1)) expect(text).toMatch(/When \(UTC\)\s+Who\s+Role\s+Action\s+Purpose/);
    const all = pages.join("\n");
    expect(all).toContain("1005513"); // the last row's ledger index: nothing was dropped
  });

  it("draws Latin, Greek, Cyrillic, Chinese, Japanese and Korean names as text", () => {
    const all = pages.join("\n").replace(/\s+/g, " ");
    for (const name of SAMPLE_NAMES) expect(all).toContain(name.split(" ")[0]);
    expect(all).toContain("以下は期間中のすべてのアクセスです。");
  });

  it("embeds only the glyphs it uses, so a report with every script stays small", () => {
    expect(pdf.length).toBeLessThan(400_000);
    requireTool("pdftoppm");
    const fonts = spawnSync("pdffonts", [path.join(dir, "report.pdf")], { encoding: "utf8" }).stdout;
    for (const family of ["NotoSans-Regular", "NotoSans-Bold", "NotoSansHans", "NotoSansJP", "NotoSansKR"])
      expect(fonts).toContain(family);
    const rows = fonts.trim().split("\n").slice(2);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const row of rows) expect(row.trim().split(/\s+/).at(-5)).toBe("yes"); // the "emb" column
  });

  it("renders the same input to the same bytes", async () => {
    const again = await (await renderReportPdf(sampleReport(150))).save({ useObjectStreams: false });
    expect(Buffer.from(again).equals(Buffer.from(pdf))).toBe(true);
  });

  it("says a quorum was met when it was", async () => {
    const report = {
      ...sampleReport(1),
      witnessQuorum: { met: true, cosignatures: 2, required: 2, witnesses: ["a", "b"] },
    };
    const file = path.join(dir, "met.pdf");
    fs.writeFileSync(file, await (await renderReportPdf(report)).save());
    expect(pageTexts(file)[0]).toContain("Witness quorum met: 2 cosignatures of 2 required.");
  });

  it("continues a row taller than a page on the next pages instead of cutting it", async () => {
    const long = Array.from({ length: 420 }, (_, i) => `word${i}`).join(" ");
    const report = sampleReport(0);
    report.sections = [
      {
        heading: "One tall row",
        blocks: [
          {
            kind: "table",
            columns: [
              { header: "Note", weight: 1 },
              { header: "Other", weight: 6 },
            ],
            rows: [
              [long, "short"],
              ["after", "the tall row"],
            ],
          },
        ],
      },
    ];
    const file = path.join(dir, "tall.pdf");
    fs.writeFileSync(file, await (await renderReportPdf(report)).save());
    const texts = pageTexts(file);
    expect(texts.length).toBeGreaterThanOrEqual(4);
    const all = texts.join("\n");
    for (const i of [0, 210, 419]) expect(all).toMatch(new RegExp(`\\bword${i}\\b`));
    for (const text of texts.slice(1)) expect(text).toMatch(/Note\s+Other/);
    expect(all).toContain("the tall row");
  });

  it("refuses a row whose cell count differs from the columns, and control characters", async () => {
    const report = sampleReport(3);
    const table = report.sections[1].blocks[0];
    if (table.kind !== "table") throw new Error("the sample's second section is a table");
    table.rows[1] = table.rows[1].slice(1);
    await expect(renderReportPdf(report)).rejects.toThrow(ZodError);
    await expect(renderReportPdf({ ...sampleReport(1), title: "bell\u0007" })).rejects.toThrow(/control characters/);
  });
});
