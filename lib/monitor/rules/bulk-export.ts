/** bulk-export: an actor exports many distinct patients within the window, or runs a population export without a patient. */
import { finding, type TRule } from "./rule-context";
import type { TFinding, TMonitorEvent } from "./types";
import { byActor, distinctPatients, windowsReaching } from "./windows";

// An export is the export operation (subtype "export"), never any "E" event: FHIR's Execute
// action also covers searches, sign-ins and sign-outs, which name no patient either.
const isExport = (e: TMonitorEvent) => e.type === "rest" && e.subtype === "export";

export const bulkExportRule: TRule = {
  id: "bulk-export",
  evaluate(ctx) {
    const { enabled, severity, minPatients, windowMinutes } = ctx.config.bulkExport;
    if (!enabled) return [];
    const out: TFinding[] = [];
    for (const [actorId, exports] of byActor(
      ctx,
      (e) => isExport(e) && e.outcome === "0" && e.actorRole !== "PATIENT",
    )) {
      const population = exports.filter((e) => e.patientId === null && ctx.isNew(e));
      if (population.length > 0) {
        out.push(
          finding(ctx, {
            ruleId: "bulk-export",
            severity,
            events: population,
            actorId,
            patientId: null,
            reasonCode: "population-export",
          }),
        );
      }
      const perPatient = exports.filter((e) => e.patientId !== null);
      const events = windowsReaching({
        ctx,
        events: perPatient,
        windowMs: windowMinutes * 60_000,
        threshold: minPatients,
        count: "patients",
      });
      if (events.length > 0) {
        out.push(
          finding(ctx, {
            ruleId: "bulk-export",
            severity,
            events,
            actorId,
            patientId: null,
            reasonCode: "patients-exported-in-window",
            details: { patients: distinctPatients(events), windowMinutes },
          }),
        );
      }
    }
    return out;
  },
};
