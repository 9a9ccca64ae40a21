/** deceased: a patient is opened more than the grace period after their recorded date of death. */
import { perOpenRule } from "./per-open-rule";

const DAY_MS = 86_400_000;

export const deceasedRule = perOpenRule("deceased", "deceased", ({ event, patient, ctx }) => {
  if (patient.deceasedAt === null) return null;
  const daysAfter = Math.floor((event.recorded.getTime() - patient.deceasedAt.getTime()) / DAY_MS);
  return daysAfter > ctx.config.deceased.graceDays ? { reasonCode: "after-death-grace", details: { daysAfter } } : null;
});
