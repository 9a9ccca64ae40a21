// One line per rule saying what it finds. These lines are part of the rule-set hash: change a
// line when its rule's behaviour changes, and every alert after that carries the new hash.
// One rule per line, so a change is a one-line diff.
// prettier-ignore
export const RULE_DOCS = {
  "self-access": "A staff member opens the patient record linked to their own account.",
  "same-last-name": "A staff member opens a patient whose last-name blind index equals their own.",
  "same-address": "A staff member opens a patient whose current or a prior address blind index equals their own address index.",
  "contact-name": "A staff member opens a patient one of whose contacts (next of kin) has the staff member's last-name index.",
  "co-worker": "A staff member opens the record of a patient who is another employee.",
  "vip": "A staff member not on the care team and not under break-glass opens a patient during a VIP/confidential period.",
  "deceased": "A patient is opened more than the grace period after their recorded date of death.",
  "account-status": "An account acts while disabled or terminated, or after being dormant for the configured days.",
  "after-hours": "Activity outside the department's shift hours in an hour of the week in which neither the actor's nor the department's baseline shows activity.",
  "volume": "An actor's distinct patients in a local day are unusual against their own (robust z-score) or their peers' (same role and department) baseline.",
  "repeated-denials": "An actor is denied at least the configured number of times within the window.",
  "rapid-browsing": "An actor opens at least the configured number of distinct patients they are not on the care team of within the window, without break-glass.",
  "break-glass-escalation": "A break-glass access that another rule also hit, or by an actor whose break-glass rate is a multiple of their peers', or a break-glass window that ended without a clinical write.",
  "care-team-add-then-open": "An actor opens a patient within seconds of being added to the patient's care team.",
  "department-mismatch": "An actor opens a patient cared for only by other departments, not on the care team and not under break-glass.",
  "bulk-export": "An actor's export operations reach at least the configured number of distinct patients within the window, or one export names no patient (a population export).",
} as const;
export type TRuleId = keyof typeof RULE_DOCS;
