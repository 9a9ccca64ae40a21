import { isDenied } from "../outcome";
import type { TSealedAccessEvent } from "../watermark/sealed-access-events";

// Pure: a batch of events → the increments of each rollup table, one entry per key, so a
// batch is written with one upsert per table (ON CONFLICT may touch each row once).

const HOUR_MS = 3_600_000;

export const utcHour = (d: Date) => new Date(Math.floor(d.getTime() / HOUR_MS) * HOUR_MS);
export const utcDay = (d: Date) => d.toISOString().slice(0, 10);

export type TAccessHourly = {
  hour: Date;
  type: string;
  subtype: string;
  action: string;
  outcome: string;
  purposeOfUse: string;
  actorRole: string;
  department: string;
  events: number;
};
export type TActorHourly = { hour: Date; actorId: string; events: number; denied: number };
export type TActorPatientDaily = {
  day: string;
  actorId: string;
  patientId: string;
  events: number;
  denied: number;
  firstAt: Date;
  lastAt: Date;
};
export type TRollupIncrements = {
  accessHourly: TAccessHourly[];
  actorHourly: TActorHourly[];
  actorPatientDaily: TActorPatientDaily[];
};

export function aggregateEvents(events: readonly TSealedAccessEvent[]): TRollupIncrements {
  const accessHourly = new Map<string, TAccessHourly>();
  const actorHourly = new Map<string, TActorHourly>();
  const pairs = new Map<string, TActorPatientDaily>();
  for (const e of events) {
    const hour = utcHour(e.recorded);
    const denied = isDenied(e) ? 1 : 0;
    const dims = {
      type: e.type,
      subtype: e.subtype,
      action: e.action,
      outcome: e.outcome,
      purposeOfUse: e.purposeOfUse ?? "",
      actorRole: e.actorRole ?? "",
      department: e.department ?? "",
    };
    const k = [hour.getTime(), ...Object.values(dims)].join("\u0000");
    const a = accessHourly.get(k);
    if (a) a.events++;
    else accessHourly.set(k, { hour, ...dims, events: 1 });

    if (e.actorId === null) continue;
    const ak = `${e.actorId}\u0000${hour.getTime()}`;
    const h = actorHourly.get(ak);
    if (h) {
      h.events++;
      h.denied += denied;
    } else actorHourly.set(ak, { hour, actorId: e.actorId, events: 1, denied });

    if (e.patientId === null) continue;
    const day = utcDay(e.recorded);
    const pk = `${day}\u0000${e.actorId}\u0000${e.patientId}`;
    const p = pairs.get(pk);
    if (p) {
      p.events++;
      p.denied += denied;
      if (e.recorded < p.firstAt) p.firstAt = e.recorded;
      if (e.recorded > p.lastAt) p.lastAt = e.recorded;
    } else {
      pairs.set(pk, {
        day,
        actorId: e.actorId,
        patientId: e.patientId,
        events: 1,
        denied,
        firstAt: e.recorded,
        lastAt: e.recorded,
      });
    }
  }
  return {
    accessHourly: [...accessHourly.values()],
    actorHourly: [...actorHourly.values()],
    actorPatientDaily: [...pairs.values()],
  };
}
