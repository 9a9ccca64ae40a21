// Shared by the rules and the rollups, both pure: what counts as a refused or failed attempt.

/** FHIR AuditEvent outcome "0" is success; "4" and "8" are the refusals and failures. */
export const isDenied = (e: { outcome: string }) => e.outcome !== "0";
