// Wall-clock arithmetic in an IANA time zone with Intl alone: adding calendar days or weekdays to a
// local date keeps the local time of day across a DST change (which a fixed 24 h step would not).

import { zoneFormatter } from "../rules/local-time";

type TParts = { y: number; m: number; d: number; hh: number; mm: number; ss: number; ms: number };

export function zonedParts(at: Date, timeZone: string): TParts {
  const p = Object.fromEntries(
    zoneFormatter(timeZone)
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return { y: +p.year, m: +p.month, d: +p.day, hh: +p.hour, mm: +p.minute, ss: +p.second, ms: at.getUTCMilliseconds() };
}

/** The instant at which the zone's clocks show `p`; in a DST gap, the instant an hour later. */
export function fromZoned(p: TParts, timeZone: string): Date {
  const asUtc = Date.UTC(p.y, p.m - 1, p.d, p.hh, p.mm, p.ss, p.ms);
  let guess = asUtc;
  for (let i = 0; i < 3; i++) {
    const shown = zonedParts(new Date(guess), timeZone);
    const shownUtc = Date.UTC(shown.y, shown.m - 1, shown.d, shown.hh, shown.mm, shown.ss, p.ms);
    if (shownUtc === asUtc) break;
    guess += asUtc - shownUtc;
  }
  return new Date(guess);
}

/** 0 = Sunday … 6 = Saturday, of a local calendar date. */
const weekday = (p: TParts) => new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay();

function shiftDate(p: TParts, days: number): TParts {
  const d = new Date(Date.UTC(p.y, p.m - 1, p.d + days));
  return { ...p, y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
}

export function addCalendarDays(at: Date, days: number, timeZone: string): Date {
  return fromZoned(shiftDate(zonedParts(at, timeZone), days), timeZone);
}

/** `days` weekdays after `at`'s local date, same local time. Holidays are not known here: they count. */
export function addBusinessDays(at: Date, days: number, timeZone: string): Date {
  let p = zonedParts(at, timeZone);
  for (let left = days; left > 0;) {
    p = shiftDate(p, 1);
    const wd = weekday(p);
    if (wd !== 0 && wd !== 6) left--;
  }
  return fromZoned(p, timeZone);
}
