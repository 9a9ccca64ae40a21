// Whether a local wall-clock time falls in one of a department's shifts. A shift whose end is at
// or before its start runs past midnight into the next weekday (a night shift 19:00–07:00).
import type { TLocalTime } from "./local-time";
import type { TShift } from "./types";

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function inShift(shifts: readonly TShift[], t: Pick<TLocalTime, "weekday" | "hour" | "minute">): boolean {
  const now = t.hour * 60 + t.minute;
  return shifts.some((s) => {
    const start = minutesOf(s.start);
    const end = minutesOf(s.end);
    if (end > start) return s.weekday === t.weekday && now >= start && now < end;
    const nextDay = (s.weekday % 7) + 1;
    return (s.weekday === t.weekday && now >= start) || (nextDay === t.weekday && now < end);
  });
}
