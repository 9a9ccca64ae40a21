import canonicalize from "canonicalize";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "../tlog/encoding";
import { defineLeafKind, pickLeafFields } from "./define-leaf-kind";

const FIELDS = ["id", "mode", "startedAt", "finishedAt", "ok", "treeSize", "findingCount"] as const;

/**
 * A verification run and its result. The (possibly long) findings list is committed by its
 * SHA-256 over canonical JSON. Changing this format breaks verification of old leaves: bump
 * `version` instead.
 */
export const integrityRunKind = defineLeafKind({
  kind: "integrity_run",
  version: 1,
  table: "VerificationRun",
  fields: [...FIELDS, "findings"],
  toLeafObject: (row) => ({
    ...pickLeafFields(row, FIELDS),
    findingsSha256: bytesToHex(sha256(utf8ToBytes(canonicalize(row.findings ?? null) ?? "null"))),
  }),
});
