import { z } from "zod";

const ZKey32 = z
  .string()
  .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 random bytes, base64-encoded");

/** Every variable the server reads. Documented in .env.example; validated once at start-up. */
export const ZServerEnv = z.object({
  /** Checked here when present; lib/db requires it when it opens a connection. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
    .optional(),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
  NEXTAUTH_URL: z.string().url().optional(),
  /** Key-encryption key that wraps every patient data key. Never stored in the database. */
  HL_KEK: ZKey32,
  HL_KEK_ID: z.string().min(1).default("kek-1"),
  /** During a KEK rotation only: the previous KEK, still accepted for unwrapping (see docs/key-rotation.md). */
  HL_KEK_PREVIOUS: ZKey32.optional(),
  HL_KEK_PREVIOUS_ID: z.string().min(1).optional(),
  /** Where the latest issued checkpoint is kept outside the database (rollback detection). */
  HL_CHECKPOINT_STATE_FILE: z.string().min(1).optional(),
  /** HMAC key for blind indexes (lookups by MRN, last name, address without decrypting). */
  HL_BLIND_INDEX_KEY: ZKey32,
  /** Checkpoint origin line (C2SP tlog-checkpoint). */
  HL_LOG_ORIGIN: z.string().min(1).regex(/^\S+$/, "must not contain spaces").default("healthledger.example/log"),
  /** C2SP signed-note private key (PRIVATE+KEY+…) that signs checkpoints. */
  HL_LOG_SIGNING_KEY: z.string().startsWith("PRIVATE+KEY+", "must be a signed-note private key (PRIVATE+KEY+…)"),
});
export type TServerEnv = z.infer<typeof ZServerEnv>;

let cached: TServerEnv | undefined;

/** The validated environment; throws a readable list of problems instead of failing later. */
export function serverEnv(): TServerEnv {
  if (cached) return cached;
  const parsed = ZServerEnv.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** Forget the validated environment so the next serverEnv() re-reads it (tests, key rotation). */
export function reloadServerEnv(): void {
  cached = undefined;
}
