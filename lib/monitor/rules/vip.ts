/** vip: a staff member not on the care team and not under break-glass opens a patient during a VIP/confidential period. */
import { perOpenRule } from "./per-open-rule";

export const vipRule = perOpenRule("vip", "vip", ({ event, patient, ctx }) => {
  const at = event.recorded;
  const flagged = patient.vipPeriods.some((p) => p.from <= at && (p.to === null || at < p.to));
  if (!flagged || event.breakGlass || ctx.onCareTeam(event.actorId, patient.id, at)) return null;
  return { reasonCode: "vip-not-care-team" };
});
