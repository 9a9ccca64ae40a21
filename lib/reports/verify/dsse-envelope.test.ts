import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { objectLike, orJunk } from "@/lib/ledger/kinds/testing/json-shape-arbitraries";
import { MAX_ENVELOPE_BYTES, readDsseEnvelope } from "./dsse";

// The zod schema the envelope was read with before the browser ran the verifier: the reader must
// accept and return exactly what it did, so the CLI's results do not change.
const ZDsseEnvelope = z.object({
  payload: z.string().max(MAX_ENVELOPE_BYTES),
  payloadType: z.string().min(1).max(256),
  signatures: z
    .array(z.object({ keyid: z.string().max(256).optional(), sig: z.string().min(1).max(1024) }))
    .min(1)
    .max(16),
});

const signatureLike = objectLike({
  keyid: orJunk(fc.string({ maxLength: 260 })),
  sig: orJunk(fc.oneof(fc.base64String({ maxLength: 100 }), fc.constant("A".repeat(1025)))),
});
const envelopeLike = objectLike({
  payload: orJunk(fc.oneof(fc.base64String(), fc.constant("A".repeat(MAX_ENVELOPE_BYTES + 1)))),
  payloadType: orJunk(fc.oneof(fc.constant("application/vnd.in-toto+json"), fc.string({ maxLength: 260 }))),
  signatures: orJunk(fc.array(signatureLike, { maxLength: 17 })),
});

describe("readDsseEnvelope", () => {
  it("accepts and returns what the zod schema did", () => {
    let accepted = 0;
    fc.assert(
      fc.property(envelopeLike, (v) => {
        const parsed = ZDsseEnvelope.safeParse(v);
        if (parsed.success) accepted++;
        expect(readDsseEnvelope(v)).toEqual(parsed.success ? parsed.data : null);
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(30);
  });

  it("reads a well-formed envelope and drops unknown keys", () => {
    const env = { payload: "aGk=", payloadType: "t", signatures: [{ keyid: "k", sig: "c2ln" }, { sig: "c2ln" }] };
    expect(readDsseEnvelope({ ...env, other: 1 })).toEqual(env);
    expect(readDsseEnvelope({ ...env, signatures: [] })).toBeNull();
  });
});
