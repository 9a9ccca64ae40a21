// Whether a local wall-clock time falls in one of a department's shifts. A shift whose end is at
// or before its start runs past midnight into the next weekday (a night shift 19:00–07:00).
import type { TLocalTime } from "./local-time";
import type { TShift } from "./types";

type TParsedShift = { weekday: number; nextDay: number; start: number; end: number };

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

// The after-hours rule asks once per event: a department's shifts are parsed once, not per event.
const parsed = new WeakMap<readonly TShift[], readonly TParsedShift[]>();

function parse(shifts: readonly TShift[]): readonly TParsedShift[] {
  let p = parsed.get(shifts);
  if (!p) {
    p = shifts.map((s) => ({
      weekday: s.weekday,
      nextDay: (s.weekday % 7) + 1,
      start: minutesOf(s.start),
      end: minutesOf(s.end),
    }));
    parsed.set(shifts, p);
  }
  return p;
}

export function inShift(shifts: readonly TShift[], t: Pick<TLocalTime, "weekday" | "hour" | "minute">): boolean {
  const now = t.hour * 60 + t.minute;
  for (const s of parse(shifts)) {
    if (s.end > s.start) {
      if (s.weekday === t.weekday && now >= s.start && now < s.end) return true;
    } else if ((s.weekday === t.weekday && now >= s.start) || (s.nextDay === t.weekday && now < s.end)) return true;
  }
  return false;
}
