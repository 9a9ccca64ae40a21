/** volume: an actor's distinct patients in a local day are unusual against their own (robust z-score) or their peers' baseline. */
import { finding, isStaffOpen, type TRule } from "./rule-context";
import { median, robustZ } from "./robust-stats";
import type { TFinding, TMonitorEvent } from "./types";

// Infinite z-scores (a flat baseline) are stored as null: JSON has no Infinity.
const rounded = (z: number) => (Number.isFinite(z) ? Math.round(z * 100) / 100 : null);

export const volumeRule: TRule = {
  id: "volume",
  evaluate(ctx) {
    const { enabled, severity, minRobustZ, minDistinctPatients, minBaselineDays } = ctx.config.volume;
    if (!enabled) return [];
    const { baselines } = ctx.facts;
    // actor → local day → that day's patients (a map per actor: no key string per event).
    type TDay = { actorId: string; day: string; patients: Set<string>; fresh: TMonitorEvent[] };
    const byActor = new Map<string, Map<string, TDay>>();
    const days: TDay[] = [];
    for (const event of ctx.all) {
      if (!isStaffOpen(event)) continue;
      const day = ctx.local(event).day;
      let actorDays = byActor.get(event.actorId);
      if (!actorDays) byActor.set(event.actorId, (actorDays = new Map()));
      let d = actorDays.get(day);
      if (!d) {
        actorDays.set(day, (d = { actorId: event.actorId, day, patients: new Set(), fresh: [] }));
        days.push(d);
      }
      d.patients.add(event.patientId);
      if (ctx.isNew(event)) d.fresh.push(event);
    }
    const out: TFinding[] = [];
    for (const d of days) {
      if (d.fresh.length === 0) continue;
      const patients = new Set([...baselines.dayPatientsBefore(d.actorId, d.day), ...d.patients]).size;
      if (patients < minDistinctPatients) continue;
      const user = ctx.facts.users.get(d.actorId);
      const own = baselines.actorDailyDistinctPatients(d.actorId);
      const peers = user ? baselines.peerDailyDistinctPatients(user.role, user.department, d.actorId) : [];
      const ownZ = own.length >= minBaselineDays ? robustZ(patients, own) : null;
      const peerZ = peers.length >= minBaselineDays ? robustZ(patients, peers) : null;
      const aboveOwn = ownZ !== null && ownZ >= minRobustZ;
      const abovePeers = peerZ !== null && peerZ >= minRobustZ;
      if (!aboveOwn && !abovePeers) continue;
      out.push(
        finding(ctx, {
          ruleId: "volume",
          severity,
          events: d.fresh,
          actorId: d.actorId,
          patientId: null,
          reasonCode:
            aboveOwn && abovePeers
              ? "above-own-and-peer-baseline"
              : aboveOwn
                ? "above-own-baseline"
                : "above-peer-baseline",
          details: {
            distinctPatients: patients,
            ownMedian: own.length ? median(own) : null,
            ownZ: ownZ === null ? null : rounded(ownZ),
            peerMedian: peers.length ? median(peers) : null,
            peerZ: peerZ === null ? null : rounded(peerZ),
          },
        }),
      );
    }
    return out;
  },
};
