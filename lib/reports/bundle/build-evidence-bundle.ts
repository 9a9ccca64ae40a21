// Writes an evidence bundle's ZIP (docs/evidence-bundle.md) file by file as a stream: each file is
// hashed as it goes in, and the DSSE envelope, which signs every other file's SHA-256, comes last.
// Pure (fflate, @noble): the caller brings the keys, the proofs and the cosigned checkpoint.
import { sha256 } from "@noble/hashes/sha2.js";
import { Zip, ZipDeflate, ZipPassThrough } from "fflate";
import { bytesToHex, utf8ToBytes } from "@/lib/ledger/tlog/encoding";
import { IN_TOTO_PAYLOAD_TYPE, signDsse } from "@/lib/reports/verify/dsse";
import { BUNDLE_FILES, BUNDLE_ORDER, OPTIONAL_FILES, type TBundleFileName } from "@/lib/reports/verify/layout";
import { ed25519PublicKeyToSpkiPem } from "@/lib/reports/verify/spki";
import {
  EVIDENCE_PREDICATE_TYPE,
  STATEMENT_TYPE,
  type TEvidencePredicate,
  type TEvidenceStatement,
  type TStatementSubject,
} from "@/lib/reports/verify/statement";
import { ZEvidencePredicate } from "./evidence-statement-schema";

type TContent = Uint8Array | string;

export type TEvidenceBundleInput = {
  reportJson: TContent;
  rowsCsv: TContent;
  /** The files only some report formats carry (REPORT_TYPE_FILES in lib/reports/verify/layout.ts), by name. */
  reportFiles?: Partial<Record<TBundleFileName, TContent>>;
  /** citations.json as chunks (CitationsWriter output), so a large one is never one string. */
  citations: TContent | Iterable<TContent> | AsyncIterable<TContent>;
  /** The C2SP tlog-proof of the report's own leaf, against the cosigned checkpoint. */
  tlogProof: string;
  /** C2SP tlog-policy text: the log, the witnesses, the quorum. */
  policy: string;
  /** The log's signed-note verifier key. */
  logKey: string;
  /** The signed PDF with the evidence CA and signer certificates (PEM), when the report has one. */
  pdf?: { bytes: Uint8Array; evidenceCaPem: string; signerPem: string };
  predicate: TEvidencePredicate;
  signingKey: { seed: Uint8Array; publicKey: Uint8Array; keyId?: string };
  /** Called after each file with its name, e.g. to report progress. */
  onFile?: (name: TBundleFileName) => void;
};

const toBytes = (c: TContent) => (typeof c === "string" ? utf8ToBytes(c) : c);

async function* chunksOf(c: TEvidenceBundleInput["citations"]): AsyncIterable<Uint8Array> {
  if (typeof c === "string" || c instanceof Uint8Array) yield toBytes(c);
  else for await (const chunk of c as AsyncIterable<TContent>) yield toBytes(chunk);
}

/** Streams the ZIP to `sink`; resolves once the last chunk was handed over. */
export async function writeEvidenceBundle(
  input: TEvidenceBundleInput,
  sink: (chunk: Uint8Array) => void | Promise<void>,
): Promise<void> {
  const predicate = ZEvidencePredicate.parse(input.predicate);
  for (const name of Object.keys(input.reportFiles ?? {}))
    if (!OPTIONAL_FILES.includes(name as TBundleFileName)) throw new Error(`${name} is not a report-format file`);
  // One fixed time for every entry: the same inputs give the same bytes.
  const mtime = new Date(predicate.issuedAt);
  const pending: Uint8Array[] = [];
  let failure: Error | null = null;
  let done = false;
  const zip = new Zip((err, data, final) => {
    if (err) failure = err;
    else pending.push(data);
    if (final) done = true;
  });
  const flush = async () => {
    if (failure) throw failure;
    while (pending.length) await sink(pending.shift() as Uint8Array);
  };
  const subjects: TStatementSubject[] = [];
  const add = async (name: TBundleFileName, chunks: AsyncIterable<Uint8Array> | Uint8Array) => {
    // A signed PDF is already compressed where it matters: store it as it is.
    const entry = name === BUNDLE_FILES.pdf ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 });
    entry.mtime = mtime;
    zip.add(entry);
    const hash = sha256.create();
    if (chunks instanceof Uint8Array) {
      hash.update(chunks);
      entry.push(chunks, true);
    } else {
      for await (const chunk of chunks) {
        hash.update(chunk);
        entry.push(chunk);
        await flush();
      }
      entry.push(new Uint8Array(0), true);
    }
    await flush();
    if (name !== BUNDLE_FILES.envelope) subjects.push({ name, digest: { sha256: bytesToHex(hash.digest()) } });
    input.onFile?.(name);
  };
  const files: Partial<Record<TBundleFileName, Uint8Array | AsyncIterable<Uint8Array>>> = {
    [BUNDLE_FILES.json]: toBytes(input.reportJson),
    [BUNDLE_FILES.rows]: toBytes(input.rowsCsv),
    ...Object.fromEntries(Object.entries(input.reportFiles ?? {}).map(([name, c]) => [name, toBytes(c as TContent)])),
    [BUNDLE_FILES.citations]: chunksOf(input.citations),
    [BUNDLE_FILES.tlogProof]: utf8ToBytes(input.tlogProof),
    [BUNDLE_FILES.policy]: utf8ToBytes(input.policy),
    [BUNDLE_FILES.reportKey]: utf8ToBytes(ed25519PublicKeyToSpkiPem(input.signingKey.publicKey)),
    [BUNDLE_FILES.logKey]: utf8ToBytes(input.logKey.endsWith("\n") ? input.logKey : `${input.logKey}\n`),
    ...(input.pdf
      ? {
          [BUNDLE_FILES.pdf]: input.pdf.bytes,
          [BUNDLE_FILES.evidenceCa]: utf8ToBytes(input.pdf.evidenceCaPem),
          [BUNDLE_FILES.signer]: utf8ToBytes(input.pdf.signerPem),
        }
      : {}),
  };
  for (const name of BUNDLE_ORDER) {
    if (name === BUNDLE_FILES.envelope) continue;
    const content = files[name];
    if (content) await add(name, content);
  }
  const statement: TEvidenceStatement = {
    _type: STATEMENT_TYPE,
    subject: subjects,
    predicateType: EVIDENCE_PREDICATE_TYPE,
    predicate,
  };
  const envelope = signDsse({
    payloadType: IN_TOTO_PAYLOAD_TYPE,
    body: utf8ToBytes(JSON.stringify(statement)),
    seed: input.signingKey.seed,
    keyid: input.signingKey.keyId,
  });
  await add(BUNDLE_FILES.envelope, utf8ToBytes(`${JSON.stringify(envelope, null, 2)}\n`));
  zip.end();
  await flush();
  if (!done) throw new Error("the ZIP did not finish");
}

/** The whole bundle in memory (tests, small reports); large ones stream through writeEvidenceBundle. */
export async function buildEvidenceBundle(input: TEvidenceBundleInput): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  await writeEvidenceBundle(input, (c) => void parts.push(c));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
