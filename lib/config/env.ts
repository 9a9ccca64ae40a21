import { z } from "zod";
import { parseEnv } from "./parse-env";
import { refineRuntimeEnv, ZRuntimeEnv } from "./runtime-env";

const ZKey32 = z
  .string()
  .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 random bytes, base64-encoded");

/**
 * The server's secrets (and next-auth's URL). The variables that hold no secret are in
 * lib/config/runtime-env.ts. Documented in .env.example; validated once at start-up.
 */
export const ZServerEnv = z.object({
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
  /** The public URL of the app, for next-auth's redirects. */
  NEXTAUTH_URL: z.string().url().optional(),
  /** Key-encryption key that wraps every patient data key. Never stored in the database. */
  HL_KEK: ZKey32,
  HL_KEK_ID: z.string().min(1).default("kek-1"),
  /** During a KEK rotation only: the previous KEK, still accepted for unwrapping (see docs/key-rotation.md). */
  HL_KEK_PREVIOUS: ZKey32.optional(),
  HL_KEK_PREVIOUS_ID: z.string().min(1).optional(),
  /** HMAC key for blind indexes (lookups by MRN, last name, address without decrypting). */
  HL_BLIND_INDEX_KEY: ZKey32,
  /** C2SP signed-note private key (PRIVATE+KEY+…) that signs checkpoints. */
  HL_LOG_SIGNING_KEY: z.string().startsWith("PRIVATE+KEY+", "must be a signed-note private key (PRIVATE+KEY+…)"),
  /** HMAC key with which writers authenticate every ledger queue entry; the sequencer seals nothing else. */
  HL_LEDGER_WRITER_KEY: ZKey32,
  /** Ed25519 seed (32 bytes, base64) that signs evidence bundles' DSSE statements (docs/evidence-bundle.md). */
  HL_REPORT_SIGNING_KEY: ZKey32,
  /** During a writer-key rotation only: the previous key, still accepted on queued entries (docs/key-rotation.md). */
  HL_LEDGER_WRITER_KEY_PREVIOUS: ZKey32.optional(),
});
export type TServerEnv = z.infer<typeof ZServerEnv>;

let cached: TServerEnv | undefined;

/** The validated secrets; throws a readable list of problems instead of failing later. */
export function serverEnv(): TServerEnv {
  cached ??= parseEnv(ZServerEnv, process.env);
  return cached;
}

/** Forget the validated secrets so the next serverEnv() re-reads them (tests, key rotation). */
export function reloadServerEnv(): void {
  cached = undefined;
}

/** Start-up check of everything the server reads: both schemas, every problem in one message. */
export function validateServerEnvironment(source: Record<string, string | undefined> = process.env): void {
  parseEnv(ZRuntimeEnv.extend(ZServerEnv.shape).superRefine(refineRuntimeEnv), source);
}
