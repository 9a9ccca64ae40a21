import { localTime } from "../rules/local-time";

/** Event counts by local weekday (0 = Monday … 6 = Sunday) and hour (0–23). */
export type THourOfWeekGrid = {
  timeZone: string;
  cells: number[][];
  total: number;
  /** The largest cell, for shading (0 with no events). */
  max: number;
};

/**
 * Folds hourly counts (UTC hours, as the rollups keep them) into a week of local hours in
 * `timeZone`. Each UTC hour lands in the local hour it begins in, so the grid follows daylight
 * saving time: 07:00 UTC is 08:00 in Berlin in winter and 09:00 in summer. In a zone whose offset
 * is not a whole hour (India, +05:30) a cell holds the hour that begins half an hour into it; the
 * rollups keep nothing finer.
 */
export function hourOfWeekGrid(rows: readonly { hour: Date; events: number }[], timeZone: string): THourOfWeekGrid {
  const cells = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
  let total = 0;
  for (const { hour, events } of rows) {
    const t = localTime(timeZone, hour);
    cells[t.weekday - 1][t.hour] += events;
    total += events;
  }
  return { timeZone, cells, total, max: Math.max(0, ...cells.flat()) };
}

/** A cell's shade from 0 (no events) to `levels` − 1 (the busiest), linear in the count. */
export function shadeLevel(count: number, max: number, levels = 6): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.max(1, Math.ceil((count / max) * (levels - 1)));
}
