// A witness's state file: the latest checkpoint it cosigned per log origin. Checking a request
// against it and persisting the new state happen under one lock (tlog-witness: otherwise two
// racing requests could roll the state back), and every write is atomic and durable: a temporary
// file, fsync, rename, fsync of the directory. A second process on the same file is refused.
import fsSync from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { readStateFile, writeDurably } from "../state-file";
import type { TWitnessedLog } from "./decide-add-checkpoint";

/** Format version 1. Changing it loses what the witness cosigned, and with it the rollback check. */
const ZWitnessedLog = z.object({
  treeSize: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  rootHash: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
  checkpoint: z.string().max(64 * 1024),
  cosignature: z.string().max(1024),
  cosignedAt: z.iso.datetime(),
});
const ZStateFile = z.object({ version: z.literal(1), logs: z.record(z.string().min(1).max(1024), ZWitnessedLog) });
type TStateFile = z.infer<typeof ZStateFile>;

export type TWitnessState = {
  readonly file: string;
  get(origin: string): TWitnessedLog | null;
  /** Runs `decide` under the lock; when it returns a new log state, persists it before resolving. */
  update<T>(decide: () => { result: T; next?: { origin: string; log: TWitnessedLog } }): Promise<T>;
  close(): Promise<void>;
};

const readState = (file: string) =>
  // A damaged state is not an empty one: starting afresh would cosign a rolled-back log.
  readStateFile(file, ZStateFile, (): TStateFile => ({ version: 1, logs: {} }), "witness state file");

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** One process per state file: a lock file holding our pid (a stale one from a crash is taken over). */
async function takeLock(lockFile: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(lockFile, String(process.pid), { flag: "wx", mode: 0o600 });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const pid = Number(await fs.readFile(lockFile, "utf8").catch(() => "0"));
      if (pid && isAlive(pid)) throw new Error(`witness state file is in use by process ${pid} (${lockFile})`);
      await fs.rm(lockFile, { force: true });
    }
  }
  throw new Error(`could not lock ${lockFile}`);
}

export async function openWitnessState(file: string): Promise<TWitnessState> {
  const abs = path.resolve(file);
  await fs.mkdir(path.dirname(abs), { recursive: true, mode: 0o700 });
  const lockFile = `${abs}.lock`;
  await takeLock(lockFile);
  let state: TStateFile;
  try {
    state = await readState(abs);
  } catch (err) {
    await fs.rm(lockFile, { force: true });
    throw err;
  }
  const releaseOnExit = () => fsSync.rmSync(lockFile, { force: true });
  process.once("exit", releaseOnExit);
  let queue: Promise<unknown> = Promise.resolve();
  return {
    file: abs,
    get: (origin) => state.logs[origin] ?? null,
    update(decide) {
      const run = async () => {
        const { result, next } = decide();
        if (next) {
          const updated: TStateFile = { version: 1, logs: { ...state.logs, [next.origin]: next.log } };
          await writeDurably(abs, JSON.stringify(updated, null, 2));
          state = updated; // only once it is on disk
        }
        return result;
      };
      const p = queue.then(run, run);
      queue = p.catch(() => {});
      return p;
    },
    async close() {
      await queue;
      process.off("exit", releaseOnExit);
      await fs.rm(lockFile, { force: true });
    },
  };
}
