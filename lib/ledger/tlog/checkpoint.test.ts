import { describe, expect, test } from "vitest";
import { ed25519 } from "@noble/curves/ed25519.js";
import { base64ToBytes, bytesToBase64, bytesToHex, utf8ToBytes } from "./encoding";
import {
  CheckpointError,
  cosignCheckpoint,
  cosignatureMessage,
  cosignerKeyId,
  formatCheckpoint,
  openCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  verifyCosignature,
} from "./checkpoint";
import {
  SIG_TYPE_COSIGNATURE_V1,
  generateSignerKey,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  verifierKeyFromSigner,
} from "./note";

// Examples from c2sp.org/tlog-checkpoint and c2sp.org/tlog-cosignature.
const SPEC_BODY = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
const SPEC_COSIG_LINE =
  "\u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n";

const log = parseSignerKey(generateSignerKey("healthledger.example/log").signerKey);
const logVkey = verifierKeyFromSigner(log);
const witness = parseSignerKey(generateSignerKey("witness.example/w1").signerKey);
const witnessVkey = verifierKeyFromSigner(witness, SIG_TYPE_COSIGNATURE_V1);
const root = new Uint8Array(32).map((_, i) => i);
const checkpoint = { origin: "healthledger.example/log", treeSize: 1234, rootHash: root };

const errorCode = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    return err instanceof CheckpointError ? err.code : `not a CheckpointError: ${String(err)}`;
  }
  return "no error";
};

describe("checkpoint body", () => {
  test("parses the spec example", () => {
    const cp = parseCheckpoint(SPEC_BODY);
    expect(cp).toMatchObject({ origin: "example.com/behind-the-sofa", treeSize: 20852163, extensions: [] });
    expect(bytesToBase64(cp.rootHash)).toBe("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=");
    expect(formatCheckpoint(cp)).toBe(SPEC_BODY);
  });

  test("formats origin, decimal size, base64 root and extension lines, each newline-terminated", () => {
    expect(formatCheckpoint({ ...checkpoint, extensions: ["ext one"] })).toBe(
      `healthledger.example/log\n1234\n${bytesToBase64(root)}\next one\n`,
    );
    expect(parseCheckpoint(formatCheckpoint({ ...checkpoint, treeSize: 0 })).treeSize).toBe(0);
  });

  test.each([
    ["missing final newline", SPEC_BODY.slice(0, -1)],
    ["too few lines", "example.com/log\n5\n"],
    ["empty origin", `\n5\n${bytesToBase64(root)}\n`],
    ["blank origin", ` \n5\n${bytesToBase64(root)}\n`],
    ["leading zero", `o\n05\n${bytesToBase64(root)}\n`],
    ["signed size", `o\n+5\n${bytesToBase64(root)}\n`],
    ["size beyond 2^53", `o\n18446744073709551615\n${bytesToBase64(root)}\n`],
    ["short root", `o\n5\n${bytesToBase64(root.subarray(1))}\n`],
    ["unpadded root", `o\n5\n${bytesToBase64(root).replace("=", "")}\n`],
    ["empty extension line", `o\n5\n${bytesToBase64(root)}\n\n`],
  ])("rejects %s", (_, text) => {
    expect(errorCode(() => parseCheckpoint(text))).toBe("malformed-checkpoint");
  });

  test("refuses to format what it could not parse", () => {
    expect(() => formatCheckpoint({ ...checkpoint, origin: "" })).toThrow(TypeError);
    expect(() => formatCheckpoint({ ...checkpoint, origin: "has space" })).toThrow(TypeError);
    expect(() => formatCheckpoint({ ...checkpoint, treeSize: -1 })).toThrow(RangeError);
    expect(() => formatCheckpoint({ ...checkpoint, rootHash: new Uint8Array(31) })).toThrow(RangeError);
    expect(() => formatCheckpoint({ ...checkpoint, extensions: ["two\nlines"] })).toThrow(TypeError);
  });
});

describe("signed checkpoints", () => {
  test("open returns the checkpoint signed by the log key", () => {
    const note = signCheckpoint(checkpoint, log);
    const opened = openCheckpoint(note, logVkey);
    expect(opened).toMatchObject({ origin: checkpoint.origin, treeSize: 1234, extensions: [] });
    expect(bytesToHex(opened.rootHash)).toBe(bytesToHex(root));
    expect(openCheckpoint(note, parseVerifierKey(logVkey)).treeSize).toBe(1234);
  });

  test("a checkpoint signed by another key, or altered, does not open", () => {
    const note = signCheckpoint(checkpoint, log);
    const other = verifierKeyFromSigner(parseSignerKey(generateSignerKey("healthledger.example/log").signerKey));
    expect(errorCode(() => openCheckpoint(note, other))).toBe("bad-signature");
    expect(errorCode(() => openCheckpoint(note.replace("1234", "1235"), logVkey))).toBe("bad-signature");
    expect(errorCode(() => openCheckpoint(note.replace("\n\n", "\n"), logVkey))).toBe("malformed-checkpoint");
  });
});

describe("cosignatures (cosignature/v1)", () => {
  test("the spec example's line is key ID ‖ big-endian timestamp ‖ 64-byte signature", () => {
    const [sig] = parseNote(`${SPEC_BODY}\n${SPEC_COSIG_LINE}`).signatures;
    expect(sig.keyId).toBe(0x8d66cf3f);
    expect(sig.signature).toHaveLength(72);
    expect(new DataView(sig.signature.buffer, sig.signature.byteOffset).getBigUint64(0)).toBe(1679315147n);
    expect(new TextDecoder().decode(cosignatureMessage(SPEC_BODY, 1679315147))).toBe(
      `cosignature/v1\ntime 1679315147\n${SPEC_BODY}`,
    );
  });

  test("a witness cosignature verifies and carries its timestamp", () => {
    const note = signCheckpoint(checkpoint, log);
    const body = parseNote(note).text;
    const line = cosignCheckpoint({ body, signer: witness, timestamp: 1_700_000_000 });
    expect(line.startsWith("\u2014 witness.example/w1 ")).toBe(true);
    const cosigned = note + line;
    expect(verifyCosignature({ note: cosigned, verifierKey: witnessVkey })).toMatchObject({
      timestamp: 1_700_000_000,
      checkpoint: { treeSize: 1234 },
    });
    // The log's signature still verifies with the cosignature appended (unknown keys are ignored).
    expect(openCheckpoint(cosigned, logVkey).treeSize).toBe(1234);
    // The same Ed25519 key given as its plain note key (0x01) identifies the same cosigner.
    expect(verifyCosignature({ note: cosigned, verifierKey: verifierKeyFromSigner(witness) }).timestamp).toBe(
      1_700_000_000,
    );
  });

  test("the payload is exactly what the spec says, checked against Ed25519 directly", () => {
    const body = formatCheckpoint(checkpoint);
    const line = cosignCheckpoint({ body, signer: witness, timestamp: 42 });
    const payload = base64ToBytes(line.trim().split(" ")[2]);
    expect(payload).toHaveLength(4 + 8 + 64);
    expect(new DataView(payload.buffer).getUint32(0)).toBe(cosignerKeyId(witness));
    expect([...payload.subarray(4, 12)]).toEqual([0, 0, 0, 0, 0, 0, 0, 42]);
    const message = utf8ToBytes(`cosignature/v1\ntime 42\n${body}`);
    expect(ed25519.verify(payload.subarray(12), message, witness.publicKey)).toBe(true);
  });

  test("a missing, forged or re-timed cosignature is rejected", () => {
    const body = formatCheckpoint(checkpoint);
    const note = signCheckpoint(checkpoint, log);
    expect(errorCode(() => verifyCosignature({ note, verifierKey: witnessVkey }))).toBe("missing-cosignature");

    const line = cosignCheckpoint({ body, signer: witness, timestamp: 1_700_000_000 });
    const raw = base64ToBytes(line.trim().split(" ")[2]);
    raw[11] ^= 1; // claim a different time than the one signed
    const retimed = `\u2014 witness.example/w1 ${bytesToBase64(raw)}\n`;
    expect(errorCode(() => verifyCosignature({ note: note + retimed, verifierKey: witnessVkey }))).toBe(
      "bad-signature",
    );

    const otherBody = formatCheckpoint({ ...checkpoint, treeSize: 1235 });
    const wrongBody = cosignCheckpoint({ body: otherBody, signer: witness, timestamp: 1 });
    expect(errorCode(() => verifyCosignature({ note: note + wrongBody, verifierKey: witnessVkey }))).toBe(
      "bad-signature",
    );

    // A plain note signature by the witness key (type 0x01 key ID) is not a cosignature.
    const plain = signCheckpoint(checkpoint, witness).split("\n\n")[1];
    expect(errorCode(() => verifyCosignature({ note: note + plain, verifierKey: witnessVkey }))).toBe(
      "missing-cosignature",
    );
  });

  test("checks its inputs", () => {
    expect(() => cosignCheckpoint({ body: "not a checkpoint\n", signer: witness, timestamp: 1 })).toThrow(
      CheckpointError,
    );
    expect(() => cosignCheckpoint({ body: formatCheckpoint(checkpoint), signer: witness, timestamp: -1 })).toThrow(
      RangeError,
    );
    expect(() => cosignatureMessage(SPEC_BODY, 1.5)).toThrow(RangeError);
  });
});
