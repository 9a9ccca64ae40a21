import "server-only";
import crypto from "node:crypto";
import { serverEnv } from "@/lib/config/env";
import { AppError } from "@/lib/errors";

// Keyed blind index: HMAC-SHA-256 (RFC 2104) of a normalized value under a key from
// configuration. Equal inputs match without storing or decrypting the value; without the key
// a database thief cannot test guesses. The field name is mixed in so an MRN index never
// matches a last-name index.

export type TBlindField = "mrn" | "lastName" | "address" | "email";

const FIELD_LABEL: Record<TBlindField, string> = {
  mrn: "An MRN",
  lastName: "A name",
  address: "An address",
  email: "An email address",
};

// Latin and Greek letters lose their diacritics (Müller = Muller, and Greek capitals are written
// without tonos: ΠΑΠΑΔΟΠΟΥΛΟΣ = Παπαδόπουλος). Every other script keeps its marks: й is not и,
// and a Devanagari vowel sign is part of the name, not decoration.
const DROPPED_DIACRITICS = /([\p{Script=Latin}\p{Script=Greek}])\p{M}+/gu;

/**
 * Unicode full case folding (CaseFolding.txt, status C+F) for the letters names use: upper- then
 * lower-casing folds ß to ss and ǅ to dž, and final sigma joins σ.
 */
function caseFold(value: string): string {
  return value.toUpperCase().toLowerCase().replace(/ς/g, "σ");
}

/**
 * The canonical form that is hashed: NFKD, Latin/Greek diacritics dropped, NFKC (so fullwidth
 * and halfwidth forms meet their usual ones), case folded; names and addresses keep Unicode
 * letters, marks and digits with every other run reduced to one space. For ASCII and accented
 * Latin this is byte for byte the form indexes were first written with, so stored indexes stay
 * valid; letters that form dropped outright (ß, ø, ł, æ, all non-Latin scripts) now count.
 * Returns "" for a value without a letter or digit: blindIndex refuses it.
 */
export function normalizeForIndex(field: TBlindField, value: string): string {
  const folded = caseFold(value.normalize("NFKD").replace(DROPPED_DIACRITICS, "$1").normalize("NFKC"));
  // The "MRN" prefix is optional when typing a record number: "1000001" and "MRN-1000001" match.
  if (field === "mrn") return folded.replace(/[^a-z0-9]/g, "").replace(/^(?=\d)/, "mrn");
  const kept = folded.replace(/[^\p{L}\p{M}\p{N}]+/gu, " ").trim();
  // Marks alone (a stray combining accent) are not a name.
  return /[\p{L}\p{N}]/u.test(kept) ? kept : "";
}

/** The index of a value; a value with no letter or digit ("--") would match every other such value and is refused. */
export function blindIndex(field: TBlindField, value: string): string {
  const normalized = normalizeForIndex(field, value);
  if (!normalized) throw new AppError("unprocessable", `${FIELD_LABEL[field]} needs at least one letter or digit.`);
  const key = Buffer.from(serverEnv().HL_BLIND_INDEX_KEY, "base64");
  return crypto.createHmac("sha256", key).update(`${field}\n${normalized}`).digest("base64url");
}

/** For stored attributes that may be absent or meaningless (a family name of "-"): no index rather than a refusal. */
export function optionalBlindIndex(field: TBlindField, value: string | null | undefined): string | null {
  return value && normalizeForIndex(field, value) ? blindIndex(field, value) : null;
}
