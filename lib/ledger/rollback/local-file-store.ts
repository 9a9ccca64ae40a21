import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import {
  ZIssuedCheckpoint,
  ZLogId,
  type TCheckpointStore,
  type TIssuedCheckpoint,
  type TRecordOptions,
} from "./checkpoint-store";
import { readStateFile, writeDurably } from "../state-file";

// The first store of truth: a JSON file outside the database directory (HL_CHECKPOINT_STATE_FILE,
// by default .secrets/issued-checkpoints.json), one entry per log. Only this module touches the
// file system, and only the Node.js server and the CLI import it (never a client or edge bundle).

/** Format version 1. Changing it loses the stored state, and with it rollback detection. */
const ZStateFile = z.object({ version: z.literal(1), logs: z.record(ZLogId, ZIssuedCheckpoint) });
type TStateFile = z.infer<typeof ZStateFile>;

const readState = (file: string) =>
  // An unreadable state is not an empty one: refusing here keeps the guard closed.
  readStateFile(file, ZStateFile, (): TStateFile => ({ version: 1, logs: {} }), "checkpoint state file");

/** Whether the stored entry is the one expected (null: no entry). */
function holds(stored: TIssuedCheckpoint | undefined, expect: NonNullable<TRecordOptions["expect"]> | null): boolean {
  if (expect === null) return stored === undefined;
  return stored !== undefined && stored.treeSize === expect.treeSize && stored.rootHash === expect.rootHash;
}

/** Writes to one file from this process go one after another (read, change, rename). */
const writing = new Map<string, Promise<unknown>>();

export function localFileStore(file: string): TCheckpointStore {
  const abs = path.resolve(file);
  return {
    name: "local state file",
    location: abs,
    async latest(logId) {
      return (await readState(abs)).logs[ZLogId.parse(logId)] ?? null;
    },
    record(logId, cp, options = {}) {
      const write = async () => {
        const state = await readState(abs);
        const id = ZLogId.parse(logId);
        const stored = state.logs[id];
        if (options.expect !== undefined && !holds(stored, options.expect)) return false;
        if (stored && stored.treeSize >= cp.treeSize && !options.supersede) return true;
        state.logs[id] = ZIssuedCheckpoint.parse(cp);
        await fs.mkdir(path.dirname(abs), { recursive: true, mode: 0o700 });
        // Atomic and durable: a reader sees the old file or the new one, and a seal reported
        // recorded here survives a power loss.
        await writeDurably(abs, JSON.stringify(state, null, 2));
        return true;
      };
      const next = (writing.get(abs) ?? Promise.resolve()).catch(() => {}).then(write);
      writing.set(abs, next);
      return next;
    },
  };
}

/**
 * Move the state file from its earlier default beside the embedded database (.data/) to the
 * current one, once, so a demo installation keeps the checkpoints it issued. Returns whether it moved.
 */
export async function moveLegacyStateFile(input: { from: string; to: string }): Promise<boolean> {
  const from = path.resolve(input.from);
  const to = path.resolve(input.to);
  const exists = (p: string) =>
    fs.access(p).then(
      () => true,
      () => false,
    );
  if ((await exists(to)) || !(await exists(from))) return false;
  await readState(from); // never carry a damaged file forward silently
  await fs.mkdir(path.dirname(to), { recursive: true, mode: 0o700 });
  await fs.copyFile(from, to);
  await fs.chmod(to, 0o600);
  await fs.rm(from);
  return true;
}

export type { TIssuedCheckpoint };
