// Reads an evidence bundle's ZIP (fflate: pure JS, so the browser verifier opens it too), refusing
// what a careful unzip would: duplicate or unknown names, and sizes beyond what a report needs.
import { unzipSync } from "fflate";

/** 100,000 cited events make a citations.json of about 25 MB; a report PDF stays far below this. */
export const MAX_BUNDLE_FILE_BYTES = 128 * 1024 * 1024;
export const MAX_BUNDLE_TOTAL_BYTES = 256 * 1024 * 1024;
export const MAX_BUNDLE_ENTRIES = 32;

export type TOpenedBundle =
  { ok: true; files: Map<string, Uint8Array> } | { ok: false; problem: string; file?: string };

export function openBundle(zip: Uint8Array): TOpenedBundle {
  const seen = new Set<string>();
  let total = 0;
  let refused: { problem: string; file?: string } | null = null;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip, {
      filter(entry) {
        // Two entries of one name would let another unzip tool show a different file than we check.
        if (seen.has(entry.name)) refused ??= { problem: `the ZIP holds ${entry.name} twice`, file: entry.name };
        seen.add(entry.name);
        total += entry.originalSize;
        if (entry.originalSize > MAX_BUNDLE_FILE_BYTES)
          refused ??= { problem: `${entry.name} is larger than ${MAX_BUNDLE_FILE_BYTES} bytes`, file: entry.name };
        if (total > MAX_BUNDLE_TOTAL_BYTES || seen.size > MAX_BUNDLE_ENTRIES)
          refused ??= { problem: "the ZIP is larger than any evidence bundle" };
        return refused === null;
      },
    });
  } catch (err) {
    return { ok: false, problem: `not a readable ZIP file (${(err as Error).message})` };
  }
  if (refused) return { ok: false, ...(refused as { problem: string; file?: string }) };
  return { ok: true, files: new Map(Object.entries(entries)) };
}
