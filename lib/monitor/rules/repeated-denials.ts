/** repeated-denials: an actor is denied at least the configured number of times within the window. */
import { finding, isDenied, type TRule } from "./rule-context";
import type { TFinding } from "./types";
import { byActor, windowsReaching } from "./windows";

export const repeatedDenialsRule: TRule = {
  id: "repeated-denials",
  evaluate(ctx) {
    const { enabled, severity, minDenials, windowMinutes } = ctx.config.repeatedDenials;
    if (!enabled) return [];
    const out: TFinding[] = [];
    for (const [actorId, denials] of byActor(ctx, (e) => isDenied(e) && e.actorRole !== "PATIENT")) {
      const events = windowsReaching({
        ctx,
        events: denials,
        windowMs: windowMinutes * 60_000,
        threshold: minDenials,
        count: "events",
      });
      if (events.length === 0) continue;
      out.push(
        finding(ctx, {
          ruleId: "repeated-denials",
          severity,
          events,
          actorId,
          patientId: null,
          reasonCode: "denials-in-window",
          details: { denials: events.length, windowMinutes },
        }),
      );
    }
    return out;
  },
};
