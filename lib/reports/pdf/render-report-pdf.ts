import "server-only";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, type PDFFont } from "pdf-lib";
import { drawTable } from "./draw-table";
import { familyFor, FONT_FAMILIES, subsetFontFile } from "./font-stack";
import { COLORS, PdfCanvas, type TWeight } from "./pdf-canvas";
import { ZReportDocument, type TReportDocument, type TReportDocumentInput } from "./report-document";

// Renders a report as an unsigned PDF (sign it with signPdf): a title page with what the report
// covers, the checkpoint it rests on and whether the witnesses' quorum was met, then its
// sections. The output depends only on the input (no clock, no random ids), so the same report
// renders to the same bytes.

const utc = (d: Date) =>
  d
    .toISOString()
    .replace("T", " ")
    .replace(/:\d{2}\.\d{3}Z$/, " UTC");

function titlePageFields(doc: TReportDocument): [string, string][] {
  const q = doc.witnessQuorum;
  return [
    ["Report type", doc.reportType],
    ["Scope", doc.scope],
    ["Period", `${utc(doc.period.from)} – ${utc(doc.period.to)}`],
    ["Issued at", utc(doc.issuedAt)],
    ["Issuer", doc.issuer],
    ["Log", doc.checkpoint.origin],
    ["Checkpoint size", `${doc.checkpoint.size.toLocaleString("en-US")} entries`],
    ["Checkpoint root", doc.checkpoint.rootHash],
    ["Witnesses", q.witnesses.length ? q.witnesses.join(", ") : "none configured"],
  ];
}

function quorumLine(doc: TReportDocument): string {
  const q = doc.witnessQuorum;
  const counted = `${q.cosignatures} cosignature${q.cosignatures === 1 ? "" : "s"} of ${q.required} required`;
  return q.met
    ? `Witness quorum met: ${counted}.`
    : `Witness quorum NOT met: ${counted}. This checkpoint is not independently witnessed.`;
}

// The title only: the report type's long description is on the first page, and a header is one line.
const runningHeader = (doc: TReportDocument) => `${doc.title} · issued ${utc(doc.issuedAt)}`;
const footer = (doc: TReportDocument) => `HealthLedger · issued ${utc(doc.issuedAt)}`;

type TFontkitFont = { layout: (text: string) => { glyphs: unknown[] }; glyphsForString: (text: string) => unknown[] };

/**
 * Glyphs one per character from the font's cmap, without OpenType shaping. pdf-lib draws glyphs
 * at their advance widths and ignores GPOS, so shaped ligatures ("fi", "ff") and decomposed marks
 * (ccmp: "ị" as i + dot) came out with gaps; and shaping was most of the render time (the sample
 * report with 2,000 rows: 2.7 s with the features turned off one by one, 2.3 s without shaping at
 * a load average of 8, the same bytes out). pdf-lib (pinned at 1.17.1) reads only `.glyphs` of its
 * embedder's fontkit layout(); the check below makes an upgrade that changes that fail the tests.
 */
function withoutShaping(font: PDFFont): PDFFont {
  const fontkitFont = (font as unknown as { embedder?: { font?: TFontkitFont } }).embedder?.font;
  if (typeof fontkitFont?.layout !== "function" || typeof fontkitFont.glyphsForString !== "function")
    throw new Error("pdf-lib's font embedder no longer exposes fontkit's layout(): review withoutShaping()");
  fontkitFont.layout = (text: string) => ({ glyphs: fontkitFont.glyphsForString(text) });
  return font;
}

const SIGNATURE_NOTE =
  "This document carries a PAdES B-B signature (ETSI EN 319 142-1) by a certificate of the HealthLedger evidence CA. " +
  "Check it with pdfsig against the CA certificate published at /.well-known/healthledger/evidence-ca.pem, " +
  "or with `healthledger verify-report` on the evidence bundle.";

/** Every string drawn in each weight, so each font is cut down to exactly what the document uses. */
function textByWeight(doc: TReportDocument): Record<TWeight, string> {
  const bold = [doc.title, "HEALTHLEDGER · SIGNED REPORT", quorumLine(doc), ...titlePageFields(doc).map(([k]) => k)];
  const regular = [doc.reportType, ...titlePageFields(doc).map(([, v]) => v), SIGNATURE_NOTE];
  regular.push(runningHeader(doc), footer(doc), "Page 0123456789 of", "(no rows)", " …");
  for (const section of doc.sections) {
    bold.push(section.heading);
    for (const block of section.blocks) {
      if (block.kind === "paragraph") regular.push(block.text);
      else {
        bold.push(...block.columns.map((c) => c.header));
        if (block.caption) regular.push(block.caption);
        for (const row of block.rows) regular.push(...row);
      }
    }
  }
  return { regular: regular.join("\n"), bold: bold.join("\n") };
}

async function embedFonts(document: PDFDocument, doc: TReportDocument) {
  document.registerFontkit(fontkit);
  const fonts: Partial<Record<TWeight, PDFFont>>[] = FONT_FAMILIES.map(() => ({}));
  for (const [weight, text] of Object.entries(textByWeight(doc)) as [TWeight, string][]) {
    const perFamily = FONT_FAMILIES.map(() => new Set<string>());
    for (const ch of text) if (ch !== "\n") perFamily[familyFor(ch.codePointAt(0)!)].add(ch);
    perFamily[0].add(" ");
    for (const [family, chars] of perFamily.entries()) {
      if (chars.size === 0) continue;
      const file = await subsetFontFile({ family, weight, text: [...chars].join("") });
      fonts[family][weight] = withoutShaping(await document.embedFont(file, { subset: false }));
    }
  }
  return fonts;
}

function drawTitlePage(canvas: PdfCanvas, doc: TReportDocument) {
  canvas.newPage();
  canvas.y -= 40;
  canvas.paragraph("HEALTHLEDGER · SIGNED REPORT", { size: 9, weight: "bold", color: COLORS.muted });
  canvas.y -= 8;
  canvas.paragraph(doc.title, { size: 22, weight: "bold", lineGap: -0.15 });
  canvas.y -= 2;
  canvas.paragraph(doc.reportType, { size: 12, color: COLORS.muted });
  canvas.y -= 22;
  const labelWidth = 118;
  for (const [label, value] of titlePageFields(doc)) {
    const style = { size: 10 };
    const lines = canvas.wrap(value, canvas.width - labelWidth, style);
    canvas.ensure(lines.length * 14.5 + 6);
    canvas.text(label, canvas.left, canvas.y - 10, { size: 10, weight: "bold", color: COLORS.muted });
    lines.forEach((line, i) => canvas.text(line, canvas.left + labelWidth, canvas.y - 10 - i * 14.5, style));
    canvas.y -= lines.length * 14.5 + 6;
  }
  canvas.y -= 12;
  const met = doc.witnessQuorum.met;
  const style = { size: 10.5, weight: "bold" as const, color: met ? COLORS.okText : COLORS.warnText };
  const lines = canvas.wrap(quorumLine(doc), canvas.width - 24, style);
  const boxHeight = lines.length * 15 + 16;
  canvas.page.drawRectangle({
    x: canvas.left,
    y: canvas.y - boxHeight,
    width: canvas.width,
    height: boxHeight,
    color: met ? COLORS.okFill : COLORS.warnFill,
    borderColor: style.color,
    borderWidth: 0.8,
  });
  lines.forEach((line, i) => canvas.text(line, canvas.left + 12, canvas.y - 8 - 10.5 - i * 15, style));
  canvas.y -= boxHeight + 24;
  canvas.paragraph(SIGNATURE_NOTE, { size: 8.5, color: COLORS.muted });
}

/** The report as an unsigned pdf-lib document; throws a ZodError for an input out of bounds. */
export async function renderReportPdf(input: TReportDocumentInput): Promise<PDFDocument> {
  const doc = ZReportDocument.parse(input);
  const document = await PDFDocument.create({ updateMetadata: false });
  document.setTitle(doc.title);
  document.setSubject(doc.reportType);
  document.setAuthor(doc.issuer);
  document.setCreator("HealthLedger");
  document.setProducer("HealthLedger");
  document.setCreationDate(doc.issuedAt);
  document.setModificationDate(doc.issuedAt);
  const fonts = await embedFonts(document, doc);
  const canvas = new PdfCanvas({
    document,
    fonts,
    familyFor,
    runningHeader: runningHeader(doc),
    footer: footer(doc),
  });
  drawTitlePage(canvas, doc);
  if (doc.sections.length) canvas.newPage();
  for (const section of doc.sections) {
    canvas.ensure(60);
    canvas.y -= 6;
    canvas.paragraph(section.heading, { size: 14, weight: "bold" });
    canvas.y -= 4;
    for (const block of section.blocks) {
      if (block.kind === "paragraph") {
        canvas.paragraph(block.text, { size: 10 });
        canvas.y -= 6;
      } else drawTable(canvas, block);
    }
    canvas.y -= 10;
  }
  canvas.finish();
  return document;
}
