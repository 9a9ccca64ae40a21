// A table that runs over as many pages as it needs: the header row is repeated at the top of
// each page, and a row taller than the room left is continued on the next page rather than cut,
// because a signed report must show every value it was given.
import { COLORS, PAGE, type PdfCanvas, type TTextStyle } from "./pdf-canvas";
import type { TReportTable } from "./report-document";

const CELL: TTextStyle = { size: 8.5 };
const HEAD: TTextStyle = { size: 8.5, weight: "bold" };
const PAD_X = 4;
const PAD_Y = 3.5;
const LINE = CELL.size * 1.35;

function columnWidths(table: TReportTable, total: number): number[] {
  const sum = table.columns.reduce((n, c) => n + c.weight, 0);
  return table.columns.map((c) => (c.weight / sum) * total);
}

export function drawTable(canvas: PdfCanvas, table: TReportTable): void {
  const widths = columnWidths(table, canvas.width);
  const xs = widths.map((_, i) => canvas.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const wrapCells = (cells: string[], style: TTextStyle) =>
    cells.map((cell, i) => canvas.wrap(cell, widths[i] - 2 * PAD_X, style));
  const headLines = wrapCells(
    table.columns.map((c) => c.header),
    HEAD,
  );
  const headHeight = Math.max(...headLines.map((l) => l.length)) * LINE + 2 * PAD_Y;

  const drawCells = (lines: string[][], top: number, style: TTextStyle) =>
    lines.forEach((cellLines, i) =>
      cellLines.forEach((line, n) => {
        const x =
          table.columns[i].align === "right" ? xs[i] + widths[i] - PAD_X - canvas.measure(line, style) : xs[i] + PAD_X;
        canvas.text(line, x, top - PAD_Y - n * LINE - style.size, style);
      }),
    );
  const header = () => {
    canvas.page.drawRectangle({
      x: canvas.left,
      y: canvas.y - headHeight,
      width: canvas.width,
      height: headHeight,
      color: COLORS.headerFill,
    });
    drawCells(headLines, canvas.y, HEAD);
    canvas.y -= headHeight;
  };

  if (table.caption) {
    canvas.ensure(20 + headHeight + LINE + 2 * PAD_Y);
    canvas.paragraph(table.caption, { size: 9, color: COLORS.muted });
  }
  canvas.ensure(headHeight + LINE + 2 * PAD_Y);
  header();
  if (table.rows.length === 0) {
    canvas.paragraph("(no rows)", { size: 8.5, color: COLORS.muted, indent: PAD_X });
    return;
  }
  table.rows.forEach((row, r) => {
    let lines = wrapCells(row, CELL);
    while (lines.some((l) => l.length > 0)) {
      const wanted = Math.max(1, ...lines.map((l) => l.length));
      let fit = Math.floor((canvas.space - 2 * PAD_Y) / LINE);
      // A row that would fit whole on a fresh page moves there; only a row taller than a page is split.
      const freshPage = PAGE.height - PAGE.margin - 28 - PAGE.footer - headHeight - 2 * PAD_Y;
      if (fit < 1 || (fit < wanted && wanted * LINE <= freshPage)) {
        canvas.newPage();
        header();
        fit = Math.floor((canvas.space - 2 * PAD_Y) / LINE);
      }
      const take = Math.min(wanted, fit);
      const height = take * LINE + 2 * PAD_Y;
      if (r % 2 === 1)
        canvas.page.drawRectangle({
          x: canvas.left,
          y: canvas.y - height,
          width: canvas.width,
          height,
          color: COLORS.zebra,
        });
      drawCells(
        lines.map((l) => l.slice(0, take)),
        canvas.y,
        CELL,
      );
      canvas.page.drawLine({
        start: { x: canvas.left, y: canvas.y - height },
        end: { x: canvas.right, y: canvas.y - height },
        thickness: 0.3,
        color: COLORS.rule,
      });
      canvas.y -= height;
      lines = lines.map((l) => l.slice(take));
      if (!lines.some((l) => l.length > 0)) break;
    }
  });
  canvas.y -= 10;
}
