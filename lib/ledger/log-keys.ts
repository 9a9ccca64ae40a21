import "server-only";
import { serverEnv } from "@/lib/config/env";
import { runtimeEnv } from "@/lib/config/runtime-env";
import {
  generateSignerKey,
  parseSignerKey,
  parseVerifierKey,
  verifierKeyFromSigner,
  type NoteSigner,
  type NoteVerifier,
} from "./tlog/note";

/** The log's identity: checkpoint origin, signing key (from configuration only) and its public verifier key. */
export interface LogKeys {
  readonly origin: string;
  readonly signer: NoteSigner;
  readonly verifierKey: string;
  readonly verifier: NoteVerifier;
}

let cached: { source: string; keys: LogKeys } | undefined;

export function logKeysFrom(input: { origin: string; signingKey: string }): LogKeys {
  const signer = parseSignerKey(input.signingKey);
  const verifierKey = verifierKeyFromSigner(signer);
  return { origin: input.origin, signer, verifierKey, verifier: parseVerifierKey(verifierKey) };
}

/** Keys from HL_LOG_ORIGIN / HL_LOG_SIGNING_KEY. Never read from the database. */
export function getLogKeys(): LogKeys {
  const origin = runtimeEnv().HL_LOG_ORIGIN;
  const signingKey = serverEnv().HL_LOG_SIGNING_KEY;
  const source = `${origin}\n${signingKey}`;
  if (cached?.source !== source) cached = { source, keys: logKeysFrom({ origin, signingKey }) };
  return cached.keys;
}

/** A new checkpoint signing key for `origin`, for development machines that make their own. */
export function newLogSigningKey(origin: string): string {
  return generateSignerKey(origin).signerKey;
}
