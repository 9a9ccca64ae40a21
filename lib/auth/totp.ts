import crypto from "node:crypto";
import { Secret, TOTP } from "otpauth";

// RFC 6238 TOTP (HMAC-SHA-1, 6 digits, 30-second steps) through the otpauth library: the
// parameters every authenticator app supports. A code is accepted one step either side of
// now to absorb clock drift (RFC 6238 §5.2).

export const TOTP_ISSUER = "HealthLedger";
export const TOTP_WINDOW_STEPS = 1;
const PARAMS = { algorithm: "SHA1", digits: 6, period: 30 } as const;
/** RFC 4226 §4 asks for at least 128 bits; 160 bits matches the HMAC-SHA-1 block advice. */
const SECRET_BYTES = 20;

export function newTotpSecret(): Uint8Array {
  return new Uint8Array(crypto.randomBytes(SECRET_BYTES));
}

export function totpSecretToBase32(secret: Uint8Array): string {
  return new Secret({ buffer: Uint8Array.from(secret).buffer }).base32;
}

export function totpSecretFromBase32(base32: string): Uint8Array {
  return new Uint8Array(Secret.fromBase32(base32.replace(/\s+/g, "").toUpperCase()).bytes);
}

function totp(secret: Uint8Array, label = "account"): TOTP {
  if (secret.length < 16) throw new RangeError("TOTP secret must be at least 128 bits");
  return new TOTP({
    ...PARAMS,
    issuer: TOTP_ISSUER,
    label,
    secret: new Secret({ buffer: Uint8Array.from(secret).buffer }),
  });
}

/** The otpauth:// URI an authenticator app imports (by QR code or by hand). */
export function totpUri(input: { secret: Uint8Array; label: string }): string {
  return totp(input.secret, input.label).toString();
}

export function generateTotp(input: { secret: Uint8Array; now?: Date }): string {
  return totp(input.secret).generate({ timestamp: (input.now ?? new Date()).getTime() });
}

/** True when `code` is the code of the current step or of one step either side. */
export function verifyTotp(input: { secret: Uint8Array; code: string; now?: Date }): boolean {
  return matchTotpStep(input) !== null;
}

/**
 * The time step (RFC 6238 T, seconds since the epoch / 30) whose code `code` is, when it is the
 * current step or one either side; null otherwise. Callers that accept a code store this step
 * and refuse any step not after it, so a code cannot be used twice (RFC 6238 §5.2).
 */
export function matchTotpStep(input: { secret: Uint8Array; code: string; now?: Date }): number | null {
  if (!/^\d{6}$/.test(input.code)) return null;
  const timestamp = (input.now ?? new Date()).getTime();
  const delta = totp(input.secret).validate({ token: input.code, timestamp, window: TOTP_WINDOW_STEPS });
  return delta === null ? null : Math.floor(timestamp / 1000 / PARAMS.period) + delta;
}
