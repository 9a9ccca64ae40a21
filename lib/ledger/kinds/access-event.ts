import { defineLeafKind } from "./define-leaf-kind";

/**
 * Every access attempt (AccessEvent). Only codes and pseudonymous ids: `query` is left out
 * because search terms may contain PHI. Changing this list breaks verification of old leaves:
 * bump `version` instead.
 */
export const accessEventKind = defineLeafKind({
  kind: "access_event",
  version: 1,
  table: "AccessEvent",
  fields: [
    "id",
    "recorded",
    "type",
    "subtype",
    "action",
    "outcome",
    "outcomeDesc",
    "actorId",
    "actorRole",
    "purposeOfUse",
    "patientId",
    "entityWhat",
    "requestId",
    "network",
    "userAgent",
  ],
});
