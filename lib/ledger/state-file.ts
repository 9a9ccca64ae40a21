// The JSON state files that hold what must survive the database (the checkpoints this log issued,
// what a witness cosigned): read against a versioned schema, written atomically and durably.
import fs from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";

/**
 * The file's state, or `empty` when there is no file yet. A file that is not JSON or not in the
 * schema is an error, never an empty state: starting afresh would forget what the file guards.
 */
export async function readStateFile<T>(file: string, schema: z.ZodType<T>, empty: () => T, what: string): Promise<T> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return empty();
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${what} ${file} is not in the expected format`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Error(`${what} ${file} is not in the expected format`);
  return parsed.data;
}

/**
 * Replaces the file's content atomically and durably: a temporary file (mode 0600), fsync,
 * rename, fsync of the directory. A reader sees the old content or the new, never half; after a
 * crash or power loss the new content is there once this resolved.
 */
export async function writeDurably(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  const handle = await fs.open(tmp, "w", 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(tmp, file);
  const dir = await fs.open(path.dirname(file), "r");
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
