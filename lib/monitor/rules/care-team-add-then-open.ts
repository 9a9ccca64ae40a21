/** care-team-add-then-open: an actor opens a patient within seconds of being added to the patient's care team. */
import { perOpenRule } from "./per-open-rule";

export const careTeamAddThenOpenRule = perOpenRule(
  "care-team-add-then-open",
  "careTeamAddThenOpen",
  ({ event, patient, ctx }) => {
    const at = event.recorded.getTime();
    const windowMs = ctx.config.careTeamAddThenOpen.windowSeconds * 1000;
    const added = patient.careTeam.find(
      (m) => m.userId === event.actorId && m.from.getTime() <= at && at - m.from.getTime() < windowMs,
    );
    if (!added) return null;
    return {
      reasonCode: added.addedById === event.actorId ? "opened-after-self-add" : "opened-after-added",
      details: { secondsAfterAdd: Math.floor((at - added.from.getTime()) / 1000) },
    };
  },
);
