// A page cursor over pdf-lib: text in the report's font stack, a flowing y position, new pages
// with the running header, and page numbers once the page count is known.
import { PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from "pdf-lib";
import { splitRuns, wrapText } from "./text-layout";

export type TWeight = "regular" | "bold";
export type TTextStyle = { size: number; weight?: TWeight; color?: RGB };

export const COLORS = {
  text: rgb(0.11, 0.12, 0.14),
  muted: rgb(0.38, 0.4, 0.44),
  rule: rgb(0.78, 0.8, 0.84),
  headerFill: rgb(0.91, 0.93, 0.96),
  zebra: rgb(0.965, 0.97, 0.98),
  okFill: rgb(0.9, 0.96, 0.91),
  okText: rgb(0.08, 0.4, 0.16),
  warnFill: rgb(0.99, 0.92, 0.9),
  warnText: rgb(0.62, 0.12, 0.08),
};

/** A4 in points, with 50 pt margins (54 pt at the foot for the page number). */
export const PAGE = { width: 595.28, height: 841.89, margin: 50, footer: 54 };

export type TCanvasOptions = {
  document: PDFDocument;
  /** fonts[family][weight]; a family the document never uses may be absent. */
  fonts: Partial<Record<TWeight, PDFFont>>[];
  familyFor: (codePoint: number) => number;
  /** Drawn at the top of every page after the first. */
  runningHeader: string;
  /** Left part of every page's footer ("Page n of N" goes right). */
  footer: string;
};

export class PdfCanvas {
  page!: PDFPage;
  y = 0;
  readonly left = PAGE.margin;
  readonly right = PAGE.width - PAGE.margin;
  readonly width = PAGE.width - 2 * PAGE.margin;
  private readonly pages: PDFPage[] = [];

  constructor(private readonly options: TCanvasOptions) {}

  private font(family: number, weight: TWeight): PDFFont {
    const fonts = this.options.fonts[family] ?? this.options.fonts[0];
    const font = fonts[weight] ?? fonts.regular ?? this.options.fonts[0].regular;
    if (!font) throw new Error("the report has no regular Latin font");
    return font;
  }

  /**
   * Widths are cached per weight, size and string: report tables repeat the same names, roles and
   * actions thousands of times, and fontkit lays out the text anew on every call. With the cache
   * and the one-line fast path in wrap(), the sample report with 2,000 rows renders in 2–3 s here.
   */
  private readonly widths = new Map<string, number>();

  measure(text: string, style: TTextStyle): number {
    const key = `${style.weight ?? "regular"}|${style.size}|${text}`;
    let width = this.widths.get(key);
    if (width === undefined) {
      width = 0;
      for (const run of splitRuns(text, this.options.familyFor))
        width += this.font(run.family, style.weight ?? "regular").widthOfTextAtSize(run.text, style.size);
      if (this.widths.size > 200_000) this.widths.clear();
      this.widths.set(key, width);
    }
    return width;
  }

  wrap(text: string, maxWidth: number, style: TTextStyle): string[] {
    // Most table cells fit on one line: no need to try every word.
    if (!/[\r\n]/.test(text) && this.measure(text, style) <= maxWidth) return [text.trim()];
    return wrapText({ text, maxWidth, measure: (s) => this.measure(s, style) });
  }

  /** Draws one line with its baseline at y. */
  text(line: string, x: number, y: number, style: TTextStyle): void {
    let at = x;
    for (const run of splitRuns(line, this.options.familyFor)) {
      if (/^\s+$/.test(run.text)) {
        at += this.font(run.family, style.weight ?? "regular").widthOfTextAtSize(run.text, style.size);
        continue;
      }
      const font = this.font(run.family, style.weight ?? "regular");
      this.page.drawText(run.text, { x: at, y, size: style.size, font, color: style.color ?? COLORS.text });
      at += font.widthOfTextAtSize(run.text, style.size);
    }
  }

  newPage(): void {
    this.page = this.options.document.addPage([PAGE.width, PAGE.height]);
    this.pages.push(this.page);
    this.y = PAGE.height - PAGE.margin;
    if (this.pages.length > 1) {
      const style = { size: 8, color: COLORS.muted };
      const lines = this.wrap(this.options.runningHeader, this.width, style);
      const line = lines.length > 1 ? `${lines[0].replace(/\s*\S*$/, "")} …` : (lines[0] ?? "");
      this.text(line, this.left, this.y - 8, style);
      this.page.drawLine({
        start: { x: this.left, y: this.y - 13 },
        end: { x: this.right, y: this.y - 13 },
        thickness: 0.5,
        color: COLORS.rule,
      });
      this.y -= 28;
    }
  }

  /** Room left above the footer. */
  get space(): number {
    return this.y - PAGE.footer;
  }

  /** Starts a new page unless `height` still fits on this one. */
  ensure(height: number): void {
    if (this.space < height) this.newPage();
  }

  /** Wrapped text flowing down the page (and onto new pages). */
  paragraph(text: string, style: TTextStyle & { lineGap?: number; indent?: number }): void {
    const lineHeight = style.size * (1.45 + (style.lineGap ?? 0));
    const indent = style.indent ?? 0;
    for (const line of this.wrap(text, this.width - indent, style)) {
      this.ensure(lineHeight);
      this.text(line, this.left + indent, this.y - style.size, style);
      this.y -= lineHeight;
    }
  }

  /** Page numbers, once every page exists. */
  finish(): void {
    const style = { size: 8, color: COLORS.muted };
    const footer = this.wrap(this.options.footer, this.width * 0.7, style)[0] ?? "";
    this.pages.forEach((page, i) => {
      this.page = page;
      const number = `Page ${i + 1} of ${this.pages.length}`;
      page.drawLine({
        start: { x: this.left, y: 38 },
        end: { x: this.right, y: 38 },
        thickness: 0.5,
        color: COLORS.rule,
      });
      this.text(footer, this.left, 26, style);
      this.text(number, this.right - this.measure(number, style), 26, style);
    });
  }
}
