/**
 * The FHIR resource types a patient's record may hold. Import (lib/fhir) accepts only these, and
 * a consent (lib/access) may be scoped to them; both read the list from here, below either.
 */
export const SUPPORTED_RESOURCE_TYPES = ["Patient", "Condition", "Observation"] as const;
