// The signed statement: the DSSE envelope under the report-signing key, then every file of the
// bundle against the statement's subjects (names and SHA-256 both ways).
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesEqual, bytesToHex, utf8Decode } from "@/lib/ledger/tlog/encoding";
import type { CheckList } from "./bundle-checks";
import { DsseError, IN_TOTO_PAYLOAD_TYPE, decodeDsseBase64, openDsse } from "./dsse";
import { BUNDLE_FILES } from "./layout";
import { ed25519PublicKeyFromSpkiPem } from "./spki";
import { readEvidenceStatement, type TEvidenceStatement } from "./statement";

function readKey(list: CheckList, pem: string, what: string): Uint8Array | null {
  try {
    return ed25519PublicKeyFromSpkiPem(pem);
  } catch (err) {
    list.fail("keys", "key-malformed", BUNDLE_FILES.reportKey, `${what}: ${(err as Error).message}`);
    return null;
  }
}

/** The report-signing key to trust: the one given, else the bundle's own (to compare with the published one). */
function reportKey(list: CheckList, files: Map<string, Uint8Array>, trustedPem?: string): Uint8Array | null {
  const embeddedBytes = files.get(BUNDLE_FILES.reportKey);
  const embedded = embeddedBytes ? readKey(list, new TextDecoder().decode(embeddedBytes), "the bundle's key") : null;
  if (trustedPem === undefined) {
    if (embedded)
      list.pass(
        "keys",
        BUNDLE_FILES.reportKey,
        "report-signing key read from the bundle (compare it with the published one)",
      );
    return embedded;
  }
  const trusted = readKey(list, trustedPem, "the trusted report-signing key");
  if (!trusted) return null;
  if (embedded && !bytesEqual(trusted, embedded))
    list.fail("keys", "key-mismatch", BUNDLE_FILES.reportKey, "the bundle's report-signing key is not the trusted one");
  else list.pass("keys", BUNDLE_FILES.reportKey, "report-signing key is the trusted one");
  return trusted;
}

export function checkStatement(
  list: CheckList,
  files: Map<string, Uint8Array>,
  trustedReportKeyPem?: string,
): TEvidenceStatement | null {
  const publicKey = reportKey(list, files, trustedReportKeyPem);
  const envelope = files.get(BUNDLE_FILES.envelope);
  if (!publicKey || !envelope) return null;
  let statement: TEvidenceStatement;
  try {
    const opened = openDsse(utf8Decode(envelope), { publicKey, payloadType: IN_TOTO_PAYLOAD_TYPE });
    list.pass("dsse", BUNDLE_FILES.envelope, "DSSE signature verifies with the report-signing key");
    const parsed = readEvidenceStatement(JSON.parse(utf8Decode(opened.body)));
    if (!parsed) {
      list.fail(
        "dsse",
        "statement-invalid",
        BUNDLE_FILES.envelope,
        "the signed payload is not an evidence-report in-toto Statement v1",
      );
      return null;
    }
    statement = parsed;
  } catch (err) {
    const why = err instanceof DsseError ? err.message : "the envelope is not UTF-8 JSON";
    list.fail("dsse", "dsse-invalid", BUNDLE_FILES.envelope, why);
    if (err instanceof DsseError && err.code === "bad-signature" && trustedReportKeyPem === undefined)
      blameKeyFile(list, files, envelope);
    return null;
  }
  checkSubjects(list, files, statement);
  return statement;
}

/**
 * When the signature fails under the bundle's own key, either may have changed: the statement,
 * read without trusting it, tells whether the key file is the one it was signed with.
 */
function blameKeyFile(list: CheckList, files: Map<string, Uint8Array>, envelope: Uint8Array): void {
  try {
    const env = JSON.parse(utf8Decode(envelope));
    const unverified = readEvidenceStatement(JSON.parse(utf8Decode(decodeDsseBase64(env.payload))));
    const listed = unverified?.subject.find((s) => s.name === BUNDLE_FILES.reportKey)?.digest.sha256;
    const key = files.get(BUNDLE_FILES.reportKey);
    if (key && listed && listed !== bytesToHex(sha256(key)))
      list.fail(
        "keys",
        "key-mismatch",
        BUNDLE_FILES.reportKey,
        "report-signing-key.pem is not the key the statement lists",
      );
  } catch {
    // The envelope itself is damaged: already reported.
  }
}

function checkSubjects(list: CheckList, files: Map<string, Uint8Array>, statement: TEvidenceStatement): void {
  const subjects = new Map<string, string>();
  for (const s of statement.subject) {
    if (subjects.has(s.name) || s.name === BUNDLE_FILES.envelope)
      list.fail("subjects", "statement-invalid", BUNDLE_FILES.envelope, `the statement lists ${s.name} wrongly`);
    subjects.set(s.name, s.digest.sha256);
  }
  for (const [name, digest] of subjects) {
    const bytes = files.get(name);
    if (!bytes) list.fail("subjects", "missing-file", name, "signed in the statement but missing from the bundle");
    else if (bytesToHex(sha256(bytes)) !== digest)
      list.fail(
        "subjects",
        "digest-mismatch",
        name,
        "does not match its signed SHA-256: the file was changed or swapped",
      );
    else list.pass("subjects", name, "matches its signed SHA-256");
  }
  for (const name of files.keys())
    if (name !== BUNDLE_FILES.envelope && !subjects.has(name))
      list.fail("subjects", "not-a-subject", name, "in the bundle but not signed in the statement");
}
