// Local wall-clock time → UTC instant in an IANA zone, the inverse of lib/monitor/rules/local-time
// (which the rules use), so the history is laid out in the same clock the rules read it with.
import { localTime } from "../../../lib/monitor/rules/local-time";

const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** Local minus UTC at an instant, in ms (whole minutes: every zone in use has such offsets). */
function offsetAt(timeZone: string, ms: number): number {
  const floored = Math.floor(ms / MINUTE_MS) * MINUTE_MS;
  const t = localTime(timeZone, new Date(floored));
  const [y, m, d] = t.day.split("-").map(Number);
  return Date.UTC(y!, m! - 1, d!, t.hour, t.minute) - floored;
}

/**
 * The instant when clocks in `timeZone` show `minutes` after midnight of local day `day`
 * (YYYY-MM-DD). Minutes ≥ 1440 run into the next day. A time skipped by a DST change (02:30 on
 * the spring-forward night) maps to the instant an hour later on the wall clock, as clocks do.
 */
export function utcOfLocal(timeZone: string, day: string, minutes: number): Date {
  const [y, m, d] = day.split("-").map(Number);
  const wall = Date.UTC(y!, m! - 1, d!) + minutes * MINUTE_MS;
  const first = wall - offsetAt(timeZone, wall);
  const second = wall - offsetAt(timeZone, first);
  return new Date(second);
}

/** The local days (YYYY-MM-DD) in `timeZone` that overlap [from, to), oldest first. */
export function localDays(timeZone: string, from: Date, to: Date): string[] {
  const days: string[] = [];
  let day = localTime(timeZone, from).day;
  const last = localTime(timeZone, new Date(to.getTime() - 1)).day;
  while (day <= last) {
    days.push(day);
    day = nextDay(day);
  }
  return days;
}

export function nextDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + 1)).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar day. */
export function weekdayOf(day: string): number {
  const [y, m, d] = day.split("-").map(Number);
  return ((new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay() + 6) % 7) + 1;
}
