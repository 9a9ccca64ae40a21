import "server-only";
import { checkpointStateFile } from "@/lib/config/runtime-env";
import type { TCheckpointStore } from "./checkpoint-store";
import { localFileStore } from "./local-file-store";

/**
 * Every store of truth the rollback guard asks, and every one a sealed or re-trusted checkpoint
 * is recorded in. Today the local state file; witnesses join this list (a store each).
 */
export function configuredCheckpointStores(): TCheckpointStore[] {
  return [localFileStore(checkpointStateFile().file)];
}
