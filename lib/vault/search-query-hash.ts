import "server-only";
import crypto from "node:crypto";
import { serverEnv } from "@/lib/config/env";
import { normalizeForIndex, type TBlindField } from "./blind-index";

// A search's terms go on the record as HMAC-SHA-256 (RFC 2104) under a key derived with
// HKDF-SHA-256 (RFC 5869) from HL_BLIND_INDEX_KEY: an investigator holding the key can ask "who
// searched for MRN1000150?", a database thief cannot test guesses, and the value never equals
// a blind index (own key, own info label), so the events do not point at the patient rows.
const INFO = "healthledger/search-query/v1";
const PREFIX = "hmac-sha256:";

let cached: { source: string; key: Buffer } | undefined;

function queryKey(): Buffer {
  const source = serverEnv().HL_BLIND_INDEX_KEY;
  if (cached?.source !== source) {
    const ikm = Buffer.from(source, "base64");
    cached = { source, key: Buffer.from(crypto.hkdfSync("sha256", ikm, Buffer.alloc(0), INFO, 32)) };
  }
  return cached.key;
}

/** "hmac-sha256:<base64url>" of the kind and the normalized query, so "1000150" and "MRN-1000150" hash alike. */
export function searchQueryHash(kind: TBlindField, query: string): string {
  const mac = crypto.createHmac("sha256", queryKey()).update(`${kind}\n${normalizeForIndex(kind, query)}`);
  return PREFIX + mac.digest("base64url");
}
