import { PURPOSE_CODE } from "@/lib/fhir/audit-event-codes";

// How the access report words an event for a patient or a regulator: what was done, why, and
// whether it was let through. Plain words first, the codes beside them in report.json.

const ACTIONS: Record<string, string> = { C: "created", R: "viewed", U: "changed", D: "deleted", E: "ran" };

export function describeAction(a: { type: string; subtype: string; action: string; resourceType: string | null }) {
  const what = a.resourceType ?? "the record";
  if (a.subtype === "export") return `exported ${what}`;
  if (a.subtype === "search" || a.subtype === "search-type") return `searched ${what}`;
  return `${ACTIONS[a.action] ?? a.action} ${what}`;
}

/** Treatment, payment, operations and the other purposes, as HL7 names them. */
export function describePurpose(purpose: string | null): string {
  if (!purpose) return "not stated";
  if (purpose === "ETREAT") return "emergency treatment (break-glass)";
  return PURPOSE_CODE[purpose]?.display ?? purpose;
}

export function describeOutcome(outcome: string): string {
  return outcome === "0" ? "allowed" : "denied";
}
