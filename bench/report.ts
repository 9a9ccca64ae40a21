// Printing helpers: one aligned table per benchmark, ratios against the baseline row.

export type TRow = { name: string; value: number; unit: string; baseline?: number; note?: string };

export function printTable(title: string, rows: TRow[]) {
  console.log(`\n## ${title}\n`);
  const lines = rows.map((r) => [
    r.name,
    `${fmt(r.value)} ${r.unit}`,
    r.baseline ? `${(r.value / r.baseline).toFixed(2)}×` : "",
    r.note ?? "",
  ]);
  const head = ["measurement", "result", "ratio", "note"];
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  console.log(row(head));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const l of lines) console.log(row(l));
}

export function fmt(n: number): string {
  if (n >= 100) return Math.round(n).toLocaleString("en-US");
  return n.toFixed(n >= 10 ? 1 : 2);
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
