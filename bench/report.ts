import os from "node:os";

// Printing helpers: one aligned table per benchmark, ratios against the baseline row.

export type TRow = {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  note?: string;
  /** A target the figure is held to, and whether this run met it (a column of its own when any row has one). */
  target?: { text: string; met: boolean };
};

/** The table as Markdown lines, ready for the terminal, the README and docs/benchmarks.md alike. */
export function formatTable(rows: TRow[]): string[] {
  const withTarget = rows.some((r) => r.target);
  const lines = rows.map((r) => [
    r.name,
    `${fmt(r.value)} ${r.unit}`,
    r.baseline ? `${(r.value / r.baseline).toFixed(2)}×` : "",
    ...(withTarget ? [r.target ? `${r.target.text} ${r.target.met ? "met" : "MISSED"}` : ""] : []),
    r.note ?? "",
  ]);
  const head = ["measurement", "result", "ratio", ...(withTarget ? ["target"] : []), "note"];
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [row(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...lines.map(row)];
}

export function printTable(title: string, rows: TRow[]) {
  console.log(`\n## ${title}\n`);
  for (const line of formatTable(rows)) console.log(line);
}

export function fmt(n: number): string {
  if (n >= 100) return Math.round(n).toLocaleString("en-US");
  return n.toFixed(n >= 10 ? 1 : 2);
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The load average says how much of the machine others were using meanwhile. */
export function machineLine(postgres: string): string {
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ");
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${postgres}, load average ${load}`;
}
