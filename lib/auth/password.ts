import "server-only";
import crypto from "node:crypto";
import { promisify } from "node:util";

// scrypt (RFC 7914) from node:crypto. N=2^15, r=8, p=1 follows OWASP's password storage
// guidance; parameters are stored with the hash so they can be raised without a migration.

const scrypt = promisify(crypto.scrypt) as (
  pw: string,
  salt: Buffer,
  len: number,
  o: crypto.ScryptOptions,
) => Promise<Buffer>;
const PARAMS = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LEN = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password, salt, KEY_LEN, PARAMS);
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64"), hash.toString("base64")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split("$");
  if (alg !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const actual = await scrypt(password, Buffer.from(salt, "base64"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: PARAMS.maxmem,
  });
  return crypto.timingSafeEqual(actual, expected);
}

/** A hash of a random password: compared against when the account does not exist, so a
 *  failed sign-in takes the same time whether or not the email is known. */
export const DUMMY_HASH_PROMISE = hashPassword(crypto.randomBytes(16).toString("hex"));
