import "server-only";
import fs from "node:fs";
import path from "node:path";
import { runtimeEnv } from "@/lib/config/runtime-env";

// The latest checkpoint this app issued, kept OUTSIDE the database (DESIGN.md §1, "operator
// restoring an old backup"). One entry per log, keyed by the log's genesis block hash, so a fresh
// database (tests, a new install) starts its own entry while a restored backup of the same log
// finds the larger tree it once had. Format version 1: changing it loses the stored state.

export type TIssuedCheckpoint = { treeSize: number; rootHash: string; checkpoint: string; recordedAt: string };
type TStateFile = { version: 1; logs: Record<string, TIssuedCheckpoint> };

export function checkpointStateFile(): string {
  return path.resolve(runtimeEnv().HL_CHECKPOINT_STATE_FILE);
}

export function readIssuedCheckpoint(logId: string, file = checkpointStateFile()): TIssuedCheckpoint | null {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  const state = JSON.parse(text) as TStateFile;
  return state.version === 1 ? (state.logs[logId] ?? null) : null;
}

/** Remember a checkpoint if it is larger than the stored one (atomic write: temp file + rename). */
export function writeIssuedCheckpoint(
  logId: string,
  cp: Omit<TIssuedCheckpoint, "recordedAt">,
  file = checkpointStateFile(),
): void {
  let state: TStateFile = { version: 1, logs: {} };
  try {
    state = JSON.parse(fs.readFileSync(file, "utf8")) as TStateFile;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  const stored = state.logs[logId];
  if (stored && stored.treeSize >= cp.treeSize) return;
  state.logs[logId] = { ...cp, recordedAt: new Date().toISOString() };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, file);
}
