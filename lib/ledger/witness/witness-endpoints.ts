// The witnesses of HL_WITNESSES with their keys parsed, and the quorum (k of n).
import { configuredWitnesses, runtimeEnv, type TRuntimeEnv } from "@/lib/config/runtime-env";
import { parseVerifierKey, SIG_TYPE_COSIGNATURE_V1, SIG_TYPE_ED25519 } from "../tlog/note";
import type { TWitnessEndpoint } from "./push-checkpoint";

export type TWitnessSetup = { witnesses: TWitnessEndpoint[]; quorum: number };

export function witnessSetup(env: TRuntimeEnv = runtimeEnv()): TWitnessSetup {
  const { witnesses, quorum } = configuredWitnesses(env);
  return {
    quorum,
    witnesses: witnesses.map((w) => {
      const verifier = parseVerifierKey(w.verifierKey);
      if (verifier.type !== SIG_TYPE_COSIGNATURE_V1 && verifier.type !== SIG_TYPE_ED25519)
        throw new Error(`witness ${w.name}: not an Ed25519 key`);
      return { name: w.name, url: w.url, verifier, verifierKey: w.verifierKey };
    }),
  };
}
