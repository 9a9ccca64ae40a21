// Streams citations.json (lib/reports/verify/citations.ts) leaf by leaf: memory holds the distinct
// proof nodes only, so 100,000 cited leaves never sit in one string.
import { bytesToBase64 } from "@/lib/ledger/tlog/encoding";
import { citationsHead } from "@/lib/reports/verify/citations";

export type TCitationProof = {
  index: number;
  leafHash: Uint8Array;
  proof: readonly Uint8Array[];
  /** Optional names of the proof hashes (equal name, equal hash): dedup by name instead of by value. */
  nodeKeys?: readonly (number | string)[];
};

export class CitationsWriter {
  private readonly refs = new Map<number | string, number>();
  private readonly nodes: string[] = [];
  private previous = -1;
  private started = false;
  private finished = false;
  private count = 0;

  constructor(private readonly tree: { treeSize: number; rootHash: Uint8Array }) {}

  /** The next chunk of the file for one more leaf; leaves must come in increasing index order. */
  add(leaf: TCitationProof): string {
    if (this.finished) throw new Error("citations already finished");
    if (!Number.isSafeInteger(leaf.index) || leaf.index <= this.previous)
      throw new RangeError(`cited leaf ${leaf.index} must come after ${this.previous}`);
    if (leaf.index >= this.tree.treeSize)
      throw new RangeError(`leaf ${leaf.index} is not in a tree of ${this.tree.treeSize}`);
    this.previous = leaf.index;
    this.count++;
    const keys = leaf.nodeKeys;
    if (keys && keys.length !== leaf.proof.length) throw new RangeError("one node key per proof hash");
    const refs = leaf.proof.map((h, i) => {
      // Names are numbers or contain ":", so they never collide with base64 values.
      const key = keys ? keys[i] : bytesToBase64(h);
      let ref = this.refs.get(key);
      if (ref === undefined) {
        const b64 = keys ? bytesToBase64(h) : (key as string);
        // Two subtrees of equal content have one hash: the file lists each hash once.
        ref = this.refs.get(b64) ?? this.nodes.push(b64) - 1;
        this.refs.set(key, ref);
        this.refs.set(b64, ref);
      }
      return ref;
    });
    const entry = JSON.stringify([leaf.index, bytesToBase64(leaf.leafHash), refs]);
    const head = this.started ? "," : citationsHead(this.tree.treeSize, this.tree.rootHash);
    this.started = true;
    return head + entry;
  }

  /** The rest of the file: the node table. */
  finish(): string {
    if (this.finished) throw new Error("citations already finished");
    this.finished = true;
    const head = this.started ? "" : citationsHead(this.tree.treeSize, this.tree.rootHash);
    return `${head}],"nodes":${JSON.stringify(this.nodes)}}`;
  }

  get citedCount(): number {
    return this.count;
  }
}
