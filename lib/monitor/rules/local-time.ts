// Wall-clock time in a department's IANA zone, from Intl (the platform's tz database, no tables
// of our own). Intl formatting costs microseconds, too much for millions of events, so the UTC
// offset is cached per 15-minute UTC bucket: every real-world transition falls on a quarter
// hour, and a bucket whose two ends disagree is computed exactly for each instant instead.

export type TLocalTime = {
  /** YYYY-MM-DD, local. */
  day: string;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  hour: number;
  minute: number;
  /** (weekday − 1) × 24 + hour, 0…167. */
  hourOfWeek: number;
};

const BUCKET_MS = 15 * 60_000;
const DAY_MS = 86_400_000;
const MAX_CACHED = 200_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
/** Per zone, 15-minute UTC bucket → offset (null: a transition inside the bucket). Numeric keys: no string per call. */
const offsets = new Map<string, Map<number, number | null>>();
let cachedOffsets = 0;
/** Local day number (days since 1970-01-01, local) → "YYYY-MM-DD": rules ask for the day of every event. */
const dayNames = new Map<number, string>();

/** One cached formatter per zone, showing the wall-clock date and time there (24-hour). */
export function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone: the department row is validated when written.
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Local minus UTC, in milliseconds, at instant ms. */
function exactOffset(timeZone: string, ms: number): number {
  const parts: Record<string, number> = {};
  for (const p of zoneFormatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

function offsetAt(timeZone: string, ms: number): number {
  const bucket = Math.floor(ms / BUCKET_MS);
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map()));
  let cached = zone.get(bucket);
  if (cached === undefined) {
    const start = exactOffset(timeZone, bucket * BUCKET_MS);
    const end = exactOffset(timeZone, (bucket + 1) * BUCKET_MS - 1);
    cached = start === end ? start : null;
    if (++cachedOffsets > MAX_CACHED) {
      offsets.clear();
      offsets.set(timeZone, (zone = new Map()));
      cachedOffsets = 1;
    }
    zone.set(bucket, cached);
  }
  return cached ?? exactOffset(timeZone, ms);
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "YYYY-MM-DD" of a local day number (days since 1970-01-01, local). */
function dayName(n: number): string {
  let name = dayNames.get(n);
  if (name === undefined) {
    const d = new Date(n * DAY_MS);
    name = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    if (dayNames.size > MAX_CACHED) dayNames.clear();
    dayNames.set(n, name);
  }
  return name;
}

// Plain arithmetic on the local milliseconds rather than a Date per call: 1970-01-01 was a Thursday.
export function localTime(timeZone: string, at: Date): TLocalTime {
  const localMs = at.getTime() + offsetAt(timeZone, at.getTime());
  const dayNumber = Math.floor(localMs / DAY_MS);
  const msOfDay = localMs - dayNumber * DAY_MS;
  const weekday = ((((dayNumber + 3) % 7) + 7) % 7) + 1;
  const hour = Math.floor(msOfDay / 3_600_000);
  return {
    day: dayName(dayNumber),
    weekday,
    hour,
    minute: Math.floor((msOfDay % 3_600_000) / 60_000),
    hourOfWeek: (weekday - 1) * 24 + hour,
  };
}

/** Whether a zone name is one Intl knows (for validating department rows). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    zoneFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}
