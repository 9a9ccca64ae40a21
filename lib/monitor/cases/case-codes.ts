// The fixed lists a privacy case is made of: states, how it was discovered, determinations, sanction
// tiers and the HIPAA breach-risk vocabulary (docs/privacy-cases.md). Codes are persisted in rows and
// ledger leaves: never rename one, add a new one.

export const CASE_STATES = ["intake", "investigating", "determined", "closed"] as const;
export type TCaseState = (typeof CASE_STATES)[number];

/** Cases an escalation joins and the queue shows by default: every state but closed. */
export const OPEN_CASE_STATES: readonly TCaseState[] = ["intake", "investigating", "determined"];

export const CASE_STATE_LABEL: Record<TCaseState, string> = {
  intake: "Intake",
  investigating: "Investigating",
  determined: "Determined",
  closed: "Closed",
};

export const DISCOVERY_METHODS = {
  rule_alert: "Monitoring rule alert",
  complaint: "Complaint (patient, staff or third party)",
  audit: "Audit or routine review",
  self_report: "Self-report by the staff member",
  other: "Other",
} as const;
export type TDiscoveryMethod = keyof typeof DISCOVERY_METHODS;

export const DETERMINATIONS = {
  explained: "Explained: the accesses had a legitimate reason",
  violation_not_breach: "Policy violation, not a reportable breach",
  breach: "Breach of unsecured PHI (notification required)",
  referred: "Referred (human resources, law enforcement or legal)",
} as const;
export type TDetermination = keyof typeof DETERMINATIONS;

/**
 * Sanction tiers (45 CFR 164.530(e) requires sanctions, not their scale): the usual escalating
 * scale of a privacy office's sanctions policy. 0 is "no sanction" and is the only tier an
 * explained case may carry.
 */
export const SANCTION_TIERS = {
  0: "None",
  1: "Tier 1: education and retraining",
  2: "Tier 2: written warning",
  3: "Tier 3: suspension (and loss of access)",
  4: "Tier 4: termination",
} as const;
export type TSanctionTier = 0 | 1 | 2 | 3 | 4;

/** The four factors of 45 CFR 164.402(2) ("low probability that the PHI has been compromised"). */
export const RISK_FACTORS = {
  nature: "(i) Nature and extent of the PHI: identifiers, sensitivity, likelihood of re-identification",
  recipient: "(ii) The unauthorized person who used the PHI or to whom it was disclosed",
  acquired: "(iii) Whether the PHI was actually acquired or viewed",
  mitigation: "(iv) The extent to which the risk to the PHI has been mitigated",
} as const;
export type TRiskFactor = keyof typeof RISK_FACTORS;
export const RISK_FACTOR_KEYS = Object.keys(RISK_FACTORS) as TRiskFactor[];

/** The risk a factor shows: "low" on all four is what demonstrates a low probability of compromise. */
export const RISK_LEVELS = ["low", "medium", "high"] as const;
export type TRiskLevel = (typeof RISK_LEVELS)[number];

/** The three exclusions from "breach", 45 CFR 164.402(1)(i)–(iii). */
export const BREACH_EXCEPTIONS = {
  good_faith_workforce:
    "(i) Unintentional acquisition, access or use by a workforce member acting in good faith within the scope of authority, not further used or disclosed",
  inadvertent_internal:
    "(ii) Inadvertent disclosure between persons authorized to access PHI at the same covered entity or business associate, not further used or disclosed",
  unable_to_retain:
    "(iii) Good-faith belief that the unauthorized recipient could not reasonably have retained the information",
} as const;
export type TBreachException = keyof typeof BREACH_EXCEPTIONS;
export const BREACH_EXCEPTION_KEYS = Object.keys(BREACH_EXCEPTIONS) as TBreachException[];
