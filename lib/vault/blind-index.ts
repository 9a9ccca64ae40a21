import "server-only";
import crypto from "node:crypto";
import { serverEnv } from "@/lib/config/env";

// Keyed blind index: HMAC-SHA-256 (RFC 2104) of a normalized value under a key from
// configuration. Equal inputs match without storing or decrypting the value; without the key
// a database thief cannot test guesses. The field name is mixed in so an MRN index never
// matches a last-name index.

export type TBlindField = "mrn" | "lastName" | "address" | "email";

export function normalizeForIndex(field: TBlindField, value: string): string {
  const folded = value.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  // The "MRN" prefix is optional when typing a record number: "1000001" and "MRN-1000001" match.
  if (field === "mrn") return folded.replace(/[^a-z0-9]/g, "").replace(/^(?=\d)/, "mrn");
  return folded.replace(/[^a-z0-9]+/g, " ").trim();
}

export function blindIndex(field: TBlindField, value: string): string {
  const key = Buffer.from(serverEnv().HL_BLIND_INDEX_KEY, "base64");
  return crypto
    .createHmac("sha256", key)
    .update(`${field}\n${normalizeForIndex(field, value)}`)
    .digest("base64url");
}
