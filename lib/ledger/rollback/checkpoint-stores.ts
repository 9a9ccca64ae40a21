import "server-only";
import { checkpointStateFile } from "@/lib/config/runtime-env";
import { getLogKeys } from "../log-keys";
import { witnessCheckpointStore } from "../witness/witness-checkpoint-store";
import { witnessSetup } from "../witness/witness-endpoints";
import type { TCheckpointStore } from "./checkpoint-store";
import { localFileStore } from "./local-file-store";

/**
 * Every store of truth the rollback guard asks, and every one a sealed or re-trusted checkpoint
 * is recorded in: the local state file, and each witness of HL_WITNESSES (which the pusher
 * writes to; recording in a witness store does nothing).
 */
export function configuredCheckpointStores(): TCheckpointStore[] {
  const keys = getLogKeys();
  return [
    localFileStore(checkpointStateFile().file),
    ...witnessSetup().witnesses.map((witness) =>
      witnessCheckpointStore({ witness, origin: keys.origin, logVerifier: keys.verifier }),
    ),
  ];
}
