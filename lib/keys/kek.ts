import "server-only";
import { serverEnv } from "@/lib/config/env";

// The key-encryption key (KEK) from configuration wraps every patient data key and every MFA
// secret; it is never stored in the database. During a rotation (docs/key-rotation.md) the
// previous KEK still opens what has not been re-wrapped yet.

export type TKek = { kek: Buffer; kekId: string };

export function currentKek(): TKek {
  const env = serverEnv();
  return { kek: Buffer.from(env.HL_KEK, "base64"), kekId: env.HL_KEK_ID };
}

/** The KEK being rotated away from, when HL_KEK_PREVIOUS is configured. */
export function previousKek(): TKek | null {
  const env = serverEnv();
  if (!env.HL_KEK_PREVIOUS) return null;
  return { kek: Buffer.from(env.HL_KEK_PREVIOUS, "base64"), kekId: env.HL_KEK_PREVIOUS_ID ?? "previous" };
}
