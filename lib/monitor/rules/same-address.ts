/** same-address: a staff member opens a patient living, or having lived, at their address (by blind index). */
import { perOpenRule } from "./per-open-rule";

export const sameAddressRule = perOpenRule("same-address", "sameAddress", ({ event, actor, patient, ctx }) => {
  const mine = actor.addressIndex;
  if (mine === null || actor.ownPatientId === patient.id) return null;
  const current = patient.addressIndex === mine;
  if (!current && !patient.priorAddressIndexes.includes(mine)) return null;
  return {
    reasonCode: current ? "current-address-index-equal" : "prior-address-index-equal",
    details: { onCareTeam: ctx.onCareTeam(event.actorId, patient.id, event.recorded) },
  };
});
