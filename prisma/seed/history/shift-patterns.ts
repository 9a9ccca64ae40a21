// When each department works, as UTC intervals: its day and night shifts (Department.shifts, in
// the department's IANA zone, DST included) and on-call cover on the days it has no shift —
// weekend rounds. Pure: the generator and its property tests share it.
import { DAY_MS, localDays, nextDay, utcOfLocal, weekdayOf } from "./zoned-time";

export type TShiftKind = "day" | "night" | "on-call";
export type TDepartmentHours = {
  name: string;
  timeZone: string;
  shifts: readonly { weekday: number; start: string; end: string }[];
};
export type TShiftInterval = { department: string; kind: TShiftKind; day: string; start: Date; end: Date };

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * On-call cover on days without a shift (local minutes): short rounds at the same hours every
 * week. Outside the department's hours, so the after-hours rule may flag it (low severity) until
 * the baselines know it; weekday evenings are left without cover to keep that noise small.
 */
export const ON_CALL_ROUNDS = { start: 10 * 60, end: 12 * 60 };

/** Every shift and on-call period of the department that overlaps [from, to), cut to it, oldest first. */
export function shiftIntervals(department: TDepartmentHours, from: Date, to: Date): TShiftInterval[] {
  const out: TShiftInterval[] = [];
  const tz = department.timeZone;
  // A night shift that started the day before `from` still runs into it.
  const firstDay = localDays(tz, new Date(from.getTime() - DAY_MS), to);
  for (const day of firstDay) {
    const weekday = weekdayOf(day);
    const today = department.shifts.filter((s) => s.weekday === weekday);
    for (const s of today) {
      const start = minutesOf(s.start);
      const end = minutesOf(s.end);
      const night = end <= start;
      out.push({
        department: department.name,
        kind: night ? "night" : "day",
        day,
        start: utcOfLocal(tz, day, start),
        end: night ? utcOfLocal(tz, nextDay(day), end) : utcOfLocal(tz, day, end),
      });
    }
    const cover = ON_CALL_ROUNDS;
    if (today.length === 0 && !covered(department, weekday, cover)) {
      out.push({
        department: department.name,
        kind: "on-call",
        day,
        start: utcOfLocal(tz, day, cover.start),
        end: utcOfLocal(tz, day, cover.end),
      });
    }
  }
  return out
    .map((i) => ({ ...i, start: maxDate(i.start, from), end: minDate(i.end, to) }))
    .filter((i) => i.start < i.end)
    .sort((a, b) => a.start.getTime() - b.start.getTime() || a.kind.localeCompare(b.kind));
}

/** On-call only where no shift of that weekday (or the night before) already covers the hours. */
function covered(d: TDepartmentHours, weekday: number, cover: { start: number; end: number }): boolean {
  const before = ((weekday + 5) % 7) + 1;
  return d.shifts.some((s) => {
    const start = minutesOf(s.start);
    const end = minutesOf(s.end);
    if (end > start) return s.weekday === weekday && start < cover.end && end > cover.start;
    return (s.weekday === weekday && cover.end > start) || (s.weekday === before && cover.start < end);
  });
}

const maxDate = (a: Date, b: Date) => (a > b ? a : b);
const minDate = (a: Date, b: Date) => (a < b ? a : b);
