// A witness's own Ed25519 key, as a signed-note private key of type 0x04 (tlog-cosignature), in
// a file of its own. The witness never shares a key with the log it witnesses.
import fs from "node:fs/promises";
import { ed25519 } from "@noble/curves/ed25519.js";
import { concatBytes } from "../tlog/encoding";
import {
  SIG_TYPE_COSIGNATURE_V1,
  computeKeyId,
  formatSignerKey,
  isValidKeyName,
  parseSignerKey,
  verifierKeyFromSigner,
  type NoteSigner,
} from "../tlog/note";

export function generateWitnessKey(name: string): { signerKey: string; verifierKey: string } {
  if (!isValidKeyName(name)) throw new TypeError(`invalid witness name ${JSON.stringify(name)}`);
  const seed = ed25519.utils.randomSecretKey();
  const publicKey = ed25519.getPublicKey(seed);
  const type = SIG_TYPE_COSIGNATURE_V1;
  const keyId = computeKeyId(name, concatBytes(new Uint8Array([type]), publicKey));
  const signer: NoteSigner = { name, keyId, type, seed, publicKey };
  return { signerKey: formatSignerKey(signer), verifierKey: verifierKeyFromSigner(signer, type) };
}

/** Creates the key file (never overwrites one: a witness that changes its key loses its identity). */
export async function createWitnessKeyFile(input: { file: string; name: string }): Promise<string> {
  const { signerKey, verifierKey } = generateWitnessKey(input.name);
  await fs.writeFile(input.file, `${signerKey}\n`, { mode: 0o600, flag: "wx" });
  return verifierKey;
}

export async function readWitnessKeyFile(file: string): Promise<{ signer: NoteSigner; verifierKey: string }> {
  const signer = parseSignerKey((await fs.readFile(file, "utf8")).trim());
  return { signer, verifierKey: verifierKeyFromSigner(signer, SIG_TYPE_COSIGNATURE_V1) };
}
