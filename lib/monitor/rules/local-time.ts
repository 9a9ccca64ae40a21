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
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number | null>();

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
  const key = `${timeZone}\n${bucket}`;
  let cached = offsets.get(key);
  if (cached === undefined) {
    const start = exactOffset(timeZone, bucket * BUCKET_MS);
    const end = exactOffset(timeZone, (bucket + 1) * BUCKET_MS - 1);
    cached = start === end ? start : null;
    if (offsets.size > 200_000) offsets.clear();
    offsets.set(key, cached);
  }
  return cached ?? exactOffset(timeZone, ms);
}

const pad = (n: number) => String(n).padStart(2, "0");

export function localTime(timeZone: string, at: Date): TLocalTime {
  const local = new Date(at.getTime() + offsetAt(timeZone, at.getTime()));
  const weekday = ((local.getUTCDay() + 6) % 7) + 1;
  const hour = local.getUTCHours();
  return {
    day: `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`,
    weekday,
    hour,
    minute: local.getUTCMinutes(),
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
