import { median } from "../rules/robust-stats";

// A staff member's activity against their own usual day and their peers' (same role and
// department), from the rollups only: the pure half, so every figure has a test with known
// answers. Windows are rolling (the last 24 hours, 7 and 28 days up to now); a "usual day" is a
// median over the 28 whole UTC days before today, as the volume rule's baselines are
// (lib/monitor/rules-facts/load-baselines.ts): the user's own days from their first active day,
// zeros included, and their peers' active days.

export const FIGURE_WINDOWS = [1, 7, 28] as const;
export const USUAL_DAYS = 28;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export type TUserFigureInput = {
  now: Date;
  /** The user's ActorHourlyRollup rows from USUAL_DAYS days before today's UTC midnight on. */
  hourly: readonly { hour: Date; events: number; denied: number }[];
  /** The user's ActorPatientDailyRollup rows over the same days. */
  pairs: readonly { day: string; patientId: string; lastAt: Date }[];
  /** Each peer's events and distinct patients per UTC day, days before today only. */
  peerDays: readonly { actorId: string; day: string; events: number; patients: number }[];
  /** Accounts with the user's role and department, the user excluded. */
  peerCount: number;
};

export type TWindowFigures = {
  days: (typeof FIGURE_WINDOWS)[number];
  events: number;
  denied: number;
  /** Distinct patients reached (or tried) in the window. */
  patients: number;
  /** Events a day on average over the window. */
  eventsPerDay: number;
  /** Distinct patients a UTC day on average over the window's UTC days (today and those before). */
  patientsPerDay: number;
};

export type TUsualDay = { events: number; patients: number; days: number };

export type TUserFigures = {
  windows: TWindowFigures[];
  /** Median day of the user's own 28 days before today; days 0 when they had none. */
  own: TUsualDay;
  /** Median over the peers' active days; days is how many peer-days it is taken over. */
  peers: TUsualDay & { people: number };
};

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function userFigures(input: TUserFigureInput): TUserFigures {
  const now = input.now.getTime();
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const hourNow = Math.floor(now / HOUR_MS) * HOUR_MS;
  const windows = FIGURE_WINDOWS.map((days): TWindowFigures => {
    // The 24·days UTC hours up to and including the current one, as the dashboard counts them.
    const sinceHour = hourNow - (days * 24 - 1) * HOUR_MS;
    const since = now - days * DAY_MS;
    const hours = input.hourly.filter((h) => h.hour.getTime() >= sinceHour);
    const events = hours.reduce((n, h) => n + h.events, 0);
    const denied = hours.reduce((n, h) => n + h.denied, 0);
    const patients = new Set(input.pairs.filter((p) => p.lastAt.getTime() > since).map((p) => p.patientId)).size;
    const firstDay = utcDay(today - (days - 1) * DAY_MS);
    const pairDays = input.pairs.filter((p) => p.day >= firstDay).length;
    return { days, events, denied, patients, eventsPerDay: events / days, patientsPerDay: pairDays / days };
  });
  return { windows, own: ownUsualDay(input, today), peers: peersUsualDay(input) };
}

function ownUsualDay(input: TUserFigureInput, today: number): TUsualDay {
  const start = today - USUAL_DAYS * DAY_MS;
  const events = new Map<string, number>();
  const patients = new Map<string, number>();
  for (const h of input.hourly) {
    const t = h.hour.getTime();
    if (t >= start && t < today) events.set(utcDay(t), (events.get(utcDay(t)) ?? 0) + h.events);
  }
  for (const p of input.pairs) {
    const t = Date.parse(p.day);
    if (t >= start && t < today) patients.set(p.day, (patients.get(p.day) ?? 0) + 1);
  }
  const active = [...events.keys(), ...patients.keys()].sort();
  if (active.length === 0) return { events: 0, patients: 0, days: 0 };
  const e: number[] = [];
  const p: number[] = [];
  for (let t = Date.parse(active[0]!); t < today; t += DAY_MS) {
    e.push(events.get(utcDay(t)) ?? 0);
    p.push(patients.get(utcDay(t)) ?? 0);
  }
  return { events: median(e), patients: median(p), days: e.length };
}

function peersUsualDay(input: TUserFigureInput): TUserFigures["peers"] {
  return {
    events: median(input.peerDays.map((d) => d.events)),
    patients: median(input.peerDays.map((d) => d.patients)),
    days: input.peerDays.length,
    people: input.peerCount,
  };
}

/** "2.5× usual", "usual", "no usual day yet": a window's per-day figure against a usual day. */
export function againstUsual(perDay: number, usual: number, hasUsual: boolean): string {
  if (!hasUsual) return "no usual day yet";
  if (usual === 0) return perDay === 0 ? "as usual (none)" : "above a usual day of none";
  const ratio = perDay / usual;
  if (Math.abs(ratio - 1) < 0.05) return "as usual";
  return `${ratio >= 10 ? Math.round(ratio) : ratio.toFixed(1)}× usual`;
}
