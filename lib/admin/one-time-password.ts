import "server-only";
import crypto from "node:crypto";

// No look-alike characters (0/o, 1/l/i): the password is read off a screen and typed by hand.
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** 16 characters from 31 (≈79 bits), grouped by four: shown once to the admin, never stored. */
export function generateOneTimePassword(): string {
  const chars = Array.from({ length: 16 }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join("")).join("-");
}
