import { sha256 } from "@noble/hashes/sha2.js";
import { utf8ToBytes } from "@noble/hashes/utils.js";
import { canonicalJson } from "./canonical-json";
import { defineLeafKind } from "./define-leaf-kind";

/**
 * One step in a privacy alert's life (PrivacyAlertTransition): raised (fromStatus null, toStatus
 * "new", with the alert's digest), then each change of status, owner or priority by an officer.
 * The leaf holds ids, codes and the digest, never PHI. Changing this list breaks verification of
 * old leaves: bump `version` instead.
 */
export const alertTransitionKind = defineLeafKind({
  kind: "alert_transition",
  version: 1,
  table: "PrivacyAlertTransition",
  fields: [
    "id",
    "alertId",
    "fromStatus",
    "toStatus",
    "reasonCode",
    "ownerId",
    "priority",
    "byId",
    "alertDigest",
    "createdAt",
  ],
});

/** What an alert is, as its raising transition commits to it: the fields that never change. */
export type TAlertIdentity = {
  id: string;
  kind: string;
  ruleId: string;
  ruleSetHash: string | null;
  severity: string;
  actorId: string | null;
  patientId: string | null;
  /** YYYY-MM-DD */
  day: string;
  reasonCode: string;
  eventIds: readonly string[];
};

/**
 * SHA-256 of the RFC 8785 JSON of an alert's identity, stored on its raising transition: an
 * investigator recomputes it from the PrivacyAlert row, and the ledger proves the alert existed,
 * with that rule, actor, patient, day and events, at the time of the block. Format
 * "healthledger-alert/v1": changing it breaks old digests.
 */
export function alertDigest(alert: TAlertIdentity): Uint8Array {
  const body = {
    format: "healthledger-alert/v1",
    id: alert.id,
    kind: alert.kind,
    ruleId: alert.ruleId,
    ruleSetHash: alert.ruleSetHash,
    severity: alert.severity,
    actorId: alert.actorId,
    patientId: alert.patientId,
    day: alert.day,
    reasonCode: alert.reasonCode,
    eventIds: [...alert.eventIds],
  };
  return sha256(utf8ToBytes(canonicalJson(body)));
}
