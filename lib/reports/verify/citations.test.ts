import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { utf8ToBytes } from "@/lib/ledger/tlog/encoding";
import { leafHash, rootFromLeaves } from "@/lib/ledger/tlog/merkle";
import { inclusionProof } from "@/lib/ledger/tlog/proof";
import { CitationsWriter } from "@/lib/reports/bundle/citations-writer";
import { formatCitations, verifyCitations } from "./citations";
import { memoryHashReader } from "./testing/bundle-fixture";

async function citationsFor(size: number, cited: number[]) {
  const leaves = Array.from({ length: size }, (_, i) => leafHash(utf8ToBytes(`leaf ${i}`)));
  const reader = memoryHashReader(leaves);
  const tree = { treeSize: size, rootHash: rootFromLeaves(leaves) };
  const writer = new CitationsWriter(tree);
  let text = "";
  for (const index of [...new Set(cited)].sort((a, b) => a - b))
    text += writer.add({
      index,
      leafHash: leaves[index],
      proof: await inclusionProof(reader, { index, treeSize: size }),
    });
  return { text: text + writer.finish(), tree, writer };
}

const treeAndCited = fc
  .integer({ min: 1, max: 600 })
  .chain((size) => fc.tuple(fc.constant(size), fc.array(fc.nat(size - 1), { maxLength: 40 })));

describe("citations.json", () => {
  it("streams exactly the bytes of its one canonical form, with each proof hash once", async () => {
    const { text, tree } = await citationsFor(100, [3, 4, 5, 60, 99]);
    const parsed = JSON.parse(text);
    expect(formatCitations(parsed)).toBe(text);
    expect(parsed.leaves.map((l: unknown[]) => l[0])).toEqual([3, 4, 5, 60, 99]);
    const refs = parsed.leaves.flatMap((l: number[][]) => l[2]).length;
    expect(parsed.nodes.length).toBeLessThan(refs);
    expect(verifyCitations(text, tree)).toMatchObject({ ok: true });
  });

  it("writes an empty citation set that verifies", async () => {
    const { text, tree } = await citationsFor(10, []);
    expect(verifyCitations(text, tree)).toEqual({ ok: true, leaves: [] });
  });

  it("refuses another tree's checkpoint, out-of-order leaves and unused nodes", async () => {
    const { text, tree } = await citationsFor(50, [1, 2]);
    expect(verifyCitations(text, { ...tree, treeSize: 51 })).toMatchObject({ ok: false });
    const f = JSON.parse(text);
    expect(verifyCitations(formatCitations({ ...f, leaves: [...f.leaves].reverse() }), tree)).toMatchObject({
      ok: false,
      problem: "cited leaf indexes must be strictly increasing",
    });
    expect(verifyCitations(formatCitations({ ...f, nodes: [...f.nodes, btoa("x".repeat(32))] }), tree)).toMatchObject({
      ok: false,
      problem: "citations.json lists a node no proof uses",
    });
    expect(verifyCitations(JSON.stringify(f, null, 1), tree)).toMatchObject({ ok: false, problem: /canonical form/ });
  });

  it("every citation set it writes verifies (property)", async () => {
    await fc.assert(
      fc.asyncProperty(treeAndCited, async ([size, cited]) => {
        const { text, tree } = await citationsFor(size, cited);
        expect(verifyCitations(text, tree)).toMatchObject({ ok: true, leaves: expect.any(Array) });
      }),
      { numRuns: 60 },
    );
  });

  it("any changed byte fails (property)", async () => {
    await fc.assert(
      fc.asyncProperty(treeAndCited, fc.nat(), fc.integer({ min: 1, max: 255 }), async ([size, cited], at, xor) => {
        fc.pre(cited.length > 0);
        const { text, tree } = await citationsFor(size, cited);
        const bytes = utf8ToBytes(text);
        bytes[at % bytes.length] ^= xor;
        expect(verifyCitations(new TextDecoder().decode(bytes), tree).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe("CitationsWriter with node names", () => {
  it("writes one node for equal hashes under different names, and the same file as without names", async () => {
    const same = leafHash(utf8ToBytes("same"));
    const leaves = [same, same, same, same];
    const tree = { treeSize: 4, rootHash: rootFromLeaves(leaves) };
    const reader = memoryHashReader(leaves);
    const write = async (named: boolean) => {
      const w = new CitationsWriter(tree);
      let text = "";
      for (const index of [0, 2, 3]) {
        const proof = await inclusionProof(reader, { index, treeSize: 4 });
        text += w.add({
          index,
          leafHash: same,
          proof,
          ...(named ? { nodeKeys: proof.map((_, i) => `${index}:${i}`) } : {}),
        });
      }
      return text + w.finish();
    };
    const named = await write(true);
    expect(named).toBe(await write(false));
    expect(verifyCitations(named, tree)).toMatchObject({ ok: true });
    expect(JSON.parse(named).nodes).toHaveLength(2);
  });
});
