// The registry of anchored kinds. To anchor a new table: add a file here with defineLeafKind,
// list it below, and call enqueueLeaf(tx, { kind, row }) in the transaction that writes the row.
// Verification then recomputes its leaves and looks for rows that were never anchored.
import { accessEventKind } from "./access-event";
import { accountStatusChangeKind } from "./account-status-change";
import { accountResetKind } from "./account-reset";
import { accountResetDecisionKind } from "./account-reset-decision";
import { adminActionKind } from "./admin-action";
import { alertAcknowledgementKind } from "./alert-acknowledgement";
import { alertTransitionKind } from "./alert-transition";
import { auditEngagementKind, auditEngagementRevocationKind } from "./audit-engagement";
import { breakGlassKind } from "./break-glass";
import { careTeamChangeKind } from "./care-team-change";
import { caseTransitionKind } from "./case-transition";
import { consentKind } from "./consent";
import { consentRevocationKind } from "./consent-revocation";
import type { LeafKind } from "./define-leaf-kind";
import { disclosureKind } from "./disclosure";
import { erasureDecisionKind } from "./erasure-decision";
import { evidenceCaKind } from "./evidence-ca";
import { integrityRunKind } from "./integrity-run";
import { ledgerTrustDecisionKind } from "./ledger-trust-decision";
import { ledgerTrustRequestKind } from "./ledger-trust-request";
import { monitorRuleSetKind } from "./monitor-rule-set";
import { notarizedDocumentKind } from "./notarized-document";
import { patientFlagKind } from "./patient-flag";
import { recordVersionKind } from "./record-version";
import { reportIssuedKind } from "./report-issued";
import { roleChangeKind } from "./role-change";
import { roleChangeDecisionKind } from "./role-change-decision";

export { leafBytesFor, leafHashFor, leafTextFor, type LeafKind, type TAnchoredRow } from "./define-leaf-kind";

export const LEAF_KINDS = {
  access_event: accessEventKind,
  notarized_document: notarizedDocumentKind,
  admin_action: adminActionKind,
  integrity_run: integrityRunKind,
  record_version: recordVersionKind,
  erasure_decision: erasureDecisionKind,
  consent: consentKind,
  consent_revocation: consentRevocationKind,
  care_team_change: careTeamChangeKind,
  break_glass: breakGlassKind,
  disclosure: disclosureKind,
  role_change: roleChangeKind,
  role_change_decision: roleChangeDecisionKind,
  ledger_trust_request: ledgerTrustRequestKind,
  ledger_trust_decision: ledgerTrustDecisionKind,
  alert_acknowledgement: alertAcknowledgementKind,
  account_reset: accountResetKind,
  account_reset_decision: accountResetDecisionKind,
  account_status_change: accountStatusChangeKind,
  patient_flag: patientFlagKind,
  monitor_rule_set: monitorRuleSetKind,
  alert_transition: alertTransitionKind,
  case_transition: caseTransitionKind,
  evidence_ca: evidenceCaKind,
  report_issued: reportIssuedKind,
  audit_engagement: auditEngagementKind,
  audit_engagement_revocation: auditEngagementRevocationKind,
} as const satisfies Record<string, LeafKind>;

export type TLeafKindName = keyof typeof LEAF_KINDS;

export function isLeafKindName(kind: string): kind is TLeafKindName {
  return Object.prototype.hasOwnProperty.call(LEAF_KINDS, kind);
}

export function getLeafKind(kind: string): LeafKind {
  if (!isLeafKindName(kind)) throw new TypeError(`unknown ledger kind ${JSON.stringify(kind)}`);
  return LEAF_KINDS[kind];
}
