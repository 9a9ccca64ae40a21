// A department's shifts in a line a person reads: weekdays that share hours are named as runs,
// "Mon–Fri 07:00–19:00; Sat, Sun 19:00–07:00 (into the next day)". Shifts are stored with ISO
// weekdays (Monday = 1) and an end at or before the start running past midnight.

const DAY = ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function runs(weekdays: number[]): string {
  const out: string[] = [];
  const sorted = [...new Set(weekdays)].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    // Two days in a row read better as a pair than as a range.
    out.push(
      j - i >= 2
        ? `${DAY[sorted[i]]}–${DAY[sorted[j]]}`
        : sorted
            .slice(i, j + 1)
            .map((d) => DAY[d])
            .join(", "),
    );
    i = j + 1;
  }
  return out.join(", ");
}

export function describeShifts(shifts: readonly { weekday: number; start: string; end: string }[]): string {
  if (shifts.length === 0) return "No shifts on file";
  const byHours = new Map<string, number[]>();
  for (const s of shifts) {
    const key = `${s.start}–${s.end}${s.end <= s.start ? " (into the next day)" : ""}`;
    byHours.set(key, [...(byHours.get(key) ?? []), s.weekday]);
  }
  return [...byHours.entries()]
    .sort(([, a], [, b]) => Math.min(...a) - Math.min(...b))
    .map(([hours, days]) => `${runs(days)} ${hours}`)
    .join("; ");
}
