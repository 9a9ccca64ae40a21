import "server-only";
import type { TQueryable } from "@/lib/ledger/read-ledger-state";
import { CitationsWriter } from "./citations-writer";
import { readCitationProofs } from "./read-citation-proofs";

/** citations.json for `indexes` against the checkpoint's tree, as chunks for writeEvidenceBundle. */
export async function* streamCitations(input: {
  db: TQueryable;
  indexes: Iterable<number>;
  tree: { treeSize: number; rootHash: Uint8Array };
  onProgress?: (done: number, total: number) => void;
}): AsyncGenerator<string> {
  const writer = new CitationsWriter(input.tree);
  let batch = "";
  for await (const leaf of readCitationProofs(input)) {
    batch += writer.add(leaf);
    // Hand out ~64 KB at a time: fewer, larger chunks deflate faster than one per leaf.
    if (batch.length >= 65_536) {
      yield batch;
      batch = "";
    }
  }
  yield batch + writer.finish();
}
