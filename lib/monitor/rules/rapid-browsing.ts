/** rapid-browsing: an actor opens many distinct patients they are not on the care team of, within minutes, without break-glass. */
import { finding, isStaffOpen, type TRule } from "./rule-context";
import type { TFinding } from "./types";
import { byActor, distinctPatients, windowsReaching } from "./windows";

export const rapidBrowsingRule: TRule = {
  id: "rapid-browsing",
  evaluate(ctx) {
    const { enabled, severity, minPatients, windowMinutes } = ctx.config.rapidBrowsing;
    if (!enabled) return [];
    const unrelated = byActor(
      ctx,
      (e) => isStaffOpen(e) && e.action === "R" && !e.breakGlass && !ctx.onCareTeam(e.actorId, e.patientId, e.recorded),
    );
    const out: TFinding[] = [];
    for (const [actorId, opens] of unrelated) {
      const events = windowsReaching({
        ctx,
        events: opens,
        windowMs: windowMinutes * 60_000,
        threshold: minPatients,
        count: "patients",
      });
      if (events.length === 0) continue;
      out.push(
        finding(ctx, {
          ruleId: "rapid-browsing",
          severity,
          events,
          actorId,
          patientId: null,
          reasonCode: "unrelated-patients-in-window",
          details: { patients: distinctPatients(events), windowMinutes },
        }),
      );
    }
    return out;
  },
};
