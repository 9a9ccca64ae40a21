import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signCheckpoint } from "@/lib/ledger/tlog/checkpoint";
import { utf8ToBytes } from "@/lib/ledger/tlog/encoding";
import { leafHash, rootFromLeaves } from "@/lib/ledger/tlog/merkle";
import { generateSignerKey, parseSignerKey } from "@/lib/ledger/tlog/note";
import { inclusionProof, verifyInclusion } from "@/lib/ledger/tlog/proof";
import { memoryHashReader } from "./testing/bundle-fixture";
import { TlogProofError, formatTlogProof, parseTlogProof } from "./tlog-proof";

const log = parseSignerKey(generateSignerKey("example.test/log").signerKey);

/** A proof for leaf `index` of a tree of `size` whose leaf records are "record <i>". */
async function proofFor(size: number, index: number) {
  const records = Array.from({ length: size }, (_, i) => utf8ToBytes(`record ${i}`));
  const leaves = records.map(leafHash);
  const rootHash = rootFromLeaves(leaves);
  const proof = await inclusionProof(memoryHashReader(leaves), { index, treeSize: size });
  const checkpoint = signCheckpoint({ origin: "example.test/log", treeSize: size, rootHash }, log);
  return { text: formatTlogProof({ extra: records[index], index, proof, checkpoint }), rootHash };
}

/** What a verifier concludes from a proof's text alone (the checkpoint's root is given). */
function verifies(text: string, size: number, rootHash: Uint8Array): boolean {
  try {
    const p = parseTlogProof(text);
    if (!p.extra) return false;
    return verifyInclusion({
      leafHash: leafHash(p.extra),
      index: p.index,
      treeSize: size,
      proof: p.proof,
      root: rootHash,
    });
  } catch (err) {
    if (err instanceof TlogProofError) return false;
    throw err;
  }
}

const treeAndIndex = fc.integer({ min: 1, max: 300 }).chain((size) => fc.tuple(fc.constant(size), fc.nat(size - 1)));

describe("C2SP tlog-proof", () => {
  it("writes the spec's layout: header, extra, index, one hash per line, blank line, checkpoint", async () => {
    const { text } = await proofFor(5, 2);
    const lines = text.split("\n");
    expect(lines.slice(0, 3)).toEqual(["c2sp.org/tlog-proof@v1", `extra ${btoa("record 2")}`, "index 2"]);
    expect(lines.slice(3, 6).every((l) => /^[A-Za-z0-9+/]{43}=$/.test(l))).toBe(true);
    expect(lines[6]).toBe("");
    expect(lines.slice(7, 10)).toEqual(["example.test/log", "5", expect.any(String)]);
  });

  it("parses a proof without extra data and with an empty path (a tree of one)", () => {
    const p = parseTlogProof(
      "c2sp.org/tlog-proof@v1\nindex 0\n\nlog\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n— log AAAAAAA=\n",
    );
    expect(p).toMatchObject({ extra: null, index: 0, proof: [] });
  });

  it("refuses a wrong header, a leading zero, a short hash and a missing checkpoint", () => {
    for (const bad of [
      "c2sp.org/tlog-proof@v2\nindex 0\n\ncp\n",
      "c2sp.org/tlog-proof@v1\nindex 01\n\ncp\n",
      "c2sp.org/tlog-proof@v1\nindex 1\nAAAA\n\ncp\n",
      "c2sp.org/tlog-proof@v1\nindex 1\n\n",
    ])
      expect(() => parseTlogProof(bad)).toThrow(TlogProofError);
  });

  it("every proof it writes verifies after parsing (property)", async () => {
    await fc.assert(
      fc.asyncProperty(treeAndIndex, async ([size, index]) => {
        const { text, rootHash } = await proofFor(size, index);
        expect(verifies(text, size, rootHash)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it("any changed byte of the proof part fails (property)", async () => {
    await fc.assert(
      fc.asyncProperty(treeAndIndex, fc.nat(), fc.integer({ min: 1, max: 255 }), async ([size, index], at, xor) => {
        const { text, rootHash } = await proofFor(size, index);
        // The checkpoint's own bytes are the signature's business (checked by the bundle verifier).
        const bytes = utf8ToBytes(text.slice(0, text.indexOf("\n\n")));
        const i = at % bytes.length;
        const changed = bytes.slice();
        changed[i] ^= xor;
        const decoded = new TextDecoder().decode(changed);
        expect(verifies(decoded + text.slice(text.indexOf("\n\n")), size, rootHash)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
