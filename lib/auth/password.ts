import "server-only";
import crypto from "node:crypto";
import os from "node:os";
import { promisify } from "node:util";
import { createHashingSlots } from "./hashing-slots";

// scrypt (RFC 7914) from node:crypto at OWASP's current cost (Password Storage Cheat Sheet:
// N=2^17, r=8, p=1, 128 MiB). Each hash names its own parameters ("scrypt$N$r$p$salt$hash"),
// so the cost can rise without a migration: a sign-in with an older hash stores a new one.

const scrypt = promisify(crypto.scrypt) as (
  pw: string,
  salt: Buffer,
  len: number,
  o: crypto.ScryptOptions,
) => Promise<Buffer>;
export const SCRYPT_PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const;
/** scrypt needs 128·N·r bytes; room for the largest parameters we accept below. */
const MAXMEM = 256 * 1024 * 1024;
const KEY_LEN = 32;

type TParams = { N: number; r: number; p: number };

const HASHING_CONCURRENCY = Math.max(1, Math.floor(os.availableParallelism() / 2));
/**
 * Checks of a password offered by someone signing in (or re-entering it), bounded: half the cores
 * at most, 16 waiting per slot for at most 10 s, then HashingBusyError (lib/auth/hashing-slots.ts).
 * Hashes made by signed-in staff (new accounts, resets, password changes) are rare and not bounded.
 */
export const PASSWORD_CHECKS = createHashingSlots({
  concurrency: HASHING_CONCURRENCY,
  maxWaiting: 16 * HASHING_CONCURRENCY,
  maxWaitMs: 10_000,
});

export async function hashPassword(password: string, params: TParams = SCRYPT_PARAMS): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password, salt, KEY_LEN, { ...params, maxmem: MAXMEM });
  return ["scrypt", params.N, params.r, params.p, salt.toString("base64"), hash.toString("base64")].join("$");
}

/**
 * The parameters a stored hash names, or null when it is not one of ours. Bounded: a row edited
 * to name N=2^30 must not make a sign-in allocate gigabytes.
 */
function parse(stored: string): { params: TParams; salt: Buffer; hash: Buffer } | null {
  const [alg, n, r, p, salt, hash, ...rest] = stored.split("$");
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (alg !== "scrypt" || !salt || !hash || rest.length > 0) return null;
  const powerOfTwo = Number.isInteger(Math.log2(params.N));
  if (!powerOfTwo || params.N < 2 ** 14 || params.N > 2 ** 18) return null;
  if (!Number.isInteger(params.r) || params.r < 8 || params.r > 16) return null;
  if (!Number.isInteger(params.p) || params.p < 1 || params.p > 4) return null;
  return { params, salt: Buffer.from(salt, "base64"), hash: Buffer.from(hash, "base64") };
}

/** Throws HashingBusyError when PASSWORD_CHECKS has no slot soon enough. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed || parsed.hash.length !== KEY_LEN) return false;
  const actual = await PASSWORD_CHECKS.run(() =>
    scrypt(password, parsed.salt, KEY_LEN, { ...parsed.params, maxmem: MAXMEM }),
  );
  return crypto.timingSafeEqual(actual, parsed.hash);
}

/** True when a stored hash is weaker than what hashPassword writes today. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  if (!parsed) return true;
  const { N, r, p } = parsed.params;
  return N < SCRYPT_PARAMS.N || r < SCRYPT_PARAMS.r || p < SCRYPT_PARAMS.p;
}

/** A hash of a random password: compared against when the account does not exist, so a
 *  failed sign-in takes the same time whether or not the email is known. */
export const DUMMY_HASH_PROMISE = hashPassword(crypto.randomBytes(16).toString("hex"));
