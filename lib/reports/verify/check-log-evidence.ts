// What the log proves: the checkpoint in report.tlog-proof is signed by a log of the policy and
// cosigned by its quorum, the report's own leaf is in that tree and binds report.json, and every
// citation is in the same tree.
import { sha256 } from "@noble/hashes/sha2.js";
import { CheckpointError, openCheckpoint, verifyCosignature, type Checkpoint } from "@/lib/ledger/tlog/checkpoint";
import { bytesEqual, bytesToHex, utf8Decode } from "@/lib/ledger/tlog/encoding";
import { leafHash } from "@/lib/ledger/tlog/merkle";
import { parseVerifierKey } from "@/lib/ledger/tlog/note";
import { verifyInclusion } from "@/lib/ledger/tlog/proof";
import type { CheckList } from "./bundle-checks";
import { verifyCitations } from "./citations";
import { BUNDLE_FILES } from "./layout";
import { parseReportLeaf } from "./report-leaf";
import type { TEvidencePredicate } from "./statement";
import { describeQuorum, parseTlogPolicy, quorumMet, type TTlogPolicy } from "./tlog-policy";
import { parseTlogProof, type TTlogProof } from "./tlog-proof";

const text = (files: Map<string, Uint8Array>, name: string): string | null => {
  const bytes = files.get(name);
  if (!bytes) return null;
  try {
    return utf8Decode(bytes);
  } catch {
    return null;
  }
};

function readPolicy(list: CheckList, files: Map<string, Uint8Array>, trustedPolicy?: string): TTlogPolicy | null {
  const source = trustedPolicy ?? text(files, BUNDLE_FILES.policy);
  const where = trustedPolicy === undefined ? BUNDLE_FILES.policy : "the trusted policy";
  try {
    if (source === null) throw new Error("not UTF-8 text");
    const policy = parseTlogPolicy(source);
    if (policy.logs.length === 0) throw new Error("it names no log");
    list.pass(
      "policy",
      BUNDLE_FILES.policy,
      `policy read from ${where}: ${witnessCount(policy)}; quorum: ${describeQuorum(policy)}`,
    );
    return policy;
  } catch (err) {
    list.fail(
      "policy",
      "policy-invalid",
      BUNDLE_FILES.policy,
      `${where} is not a tlog-policy: ${(err as Error).message}`,
    );
    return null;
  }
}

function checkLogKey(list: CheckList, files: Map<string, Uint8Array>, policy: TTlogPolicy): void {
  const vkey = text(files, BUNDLE_FILES.logKey)?.trim();
  try {
    const key = parseVerifierKey(vkey ?? "");
    if (!policy.logs.some((l) => bytesEqual(l.verifier.publicKey, key.publicKey) && l.verifier.name === key.name))
      list.fail("keys", "key-mismatch", BUNDLE_FILES.logKey, "log-key.txt is not a log of the policy");
    else list.pass("keys", BUNDLE_FILES.logKey, `log key ${key.name} is the policy's log`);
  } catch (err) {
    list.fail(
      "keys",
      "key-malformed",
      BUNDLE_FILES.logKey,
      `log-key.txt is not a verifier key: ${(err as Error).message}`,
    );
  }
}

/** The checkpoint, if a log of the policy signed it for its own origin. */
function openLogCheckpoint(list: CheckList, proof: TTlogProof, policy: TTlogPolicy): Checkpoint | null {
  for (const log of policy.logs) {
    try {
      const cp = openCheckpoint(proof.checkpoint, log.verifier);
      if (cp.origin !== log.verifier.name) continue;
      list.pass(
        "checkpoint",
        BUNDLE_FILES.tlogProof,
        `checkpoint ${cp.origin} at size ${cp.treeSize} is signed by the log`,
      );
      return cp;
    } catch (err) {
      if (!(err instanceof CheckpointError)) throw err;
    }
  }
  list.fail(
    "checkpoint",
    "checkpoint-invalid",
    BUNDLE_FILES.tlogProof,
    "the checkpoint is not signed by a log of the policy",
  );
  return null;
}

function checkCosignatures(list: CheckList, proof: TTlogProof, policy: TTlogPolicy): string[] {
  const cosigned = new Set<string>();
  for (const w of policy.witnesses) {
    try {
      verifyCosignature({ note: proof.checkpoint, verifierKey: w.verifier });
      cosigned.add(w.name);
    } catch (err) {
      if (err instanceof CheckpointError && err.code === "bad-signature")
        list.fail(
          "cosignatures",
          "cosignature-invalid",
          BUNDLE_FILES.tlogProof,
          `the cosignature of witness ${w.name} is invalid`,
        );
    }
  }
  const names = [...cosigned];
  if (quorumMet(policy, cosigned))
    list.pass(
      "cosignatures",
      BUNDLE_FILES.tlogProof,
      `quorum met, ${describeQuorum(policy)}: cosigned by ${names.join(", ") || "no witness"}`,
    );
  else
    list.fail(
      "cosignatures",
      "quorum-not-met",
      BUNDLE_FILES.tlogProof,
      `the checkpoint lacks the policy's quorum, ${describeQuorum(policy)}: cosigned by ${names.length} of ${policy.witnesses.length} witnesses (${names.join(", ") || "none"})`,
    );
  return names;
}

function checkReportLeaf(
  list: CheckList,
  input: {
    proof: TTlogProof;
    checkpoint: Checkpoint;
    predicate: TEvidencePredicate | null;
    reportJson: Uint8Array | undefined;
  },
): void {
  const { proof, checkpoint, predicate, reportJson } = input;
  const fail = (why: string, file: string = BUNDLE_FILES.tlogProof) =>
    list.fail("report-leaf", "leaf-mismatch", file, why);
  if (!proof.extra) return void fail("report.tlog-proof carries no record (extra line) for the report's leaf");
  const included = verifyInclusion({
    leafHash: leafHash(proof.extra),
    index: proof.index,
    treeSize: checkpoint.treeSize,
    proof: proof.proof,
    root: checkpoint.rootHash,
  });
  if (!included)
    return void list.fail(
      "report-leaf",
      "inclusion-failed",
      BUNDLE_FILES.tlogProof,
      `the report's leaf ${proof.index} is not in the checkpoint's tree`,
    );
  list.pass(
    "report-leaf",
    BUNDLE_FILES.tlogProof,
    `the report's leaf ${proof.index} is in the tree of ${checkpoint.treeSize}`,
  );
  const leaf = parseReportLeaf(proof.extra);
  if (!leaf) return void fail("the proved leaf is not a report_issued/v1 leaf");
  if (!reportJson || leaf.reportSha256 !== bytesToHex(sha256(reportJson)))
    return void fail("report.json is not the report its ledger leaf anchors", BUNDLE_FILES.json);
  if (!predicate) return;
  const same =
    predicate.reportLeafIndex === proof.index &&
    predicate.checkpointSize === checkpoint.treeSize &&
    predicate.reportType === leaf.reportType &&
    predicate.scope === leaf.scope &&
    predicate.period.start === leaf.periodStart &&
    predicate.period.end === leaf.periodEnd &&
    predicate.issuedAt === leaf.issuedAt;
  if (!same) return void fail("the signed statement and the report's ledger leaf disagree", BUNDLE_FILES.envelope);
  list.pass("report-leaf", BUNDLE_FILES.json, "report.json is the report its ledger leaf anchors");
}

export type TLogEvidence = { checkpoint: Checkpoint | null; cosignedBy: string[]; citedLeaves: number };

export function checkLogEvidence(
  list: CheckList,
  input: { files: Map<string, Uint8Array>; predicate: TEvidencePredicate | null; trustedPolicy?: string },
): TLogEvidence {
  const { files, predicate } = input;
  const none: TLogEvidence = { checkpoint: null, cosignedBy: [], citedLeaves: 0 };
  const policy = readPolicy(list, files, input.trustedPolicy);
  if (!policy) return none;
  checkLogKey(list, files, policy);
  let proof: TTlogProof;
  try {
    proof = parseTlogProof(text(files, BUNDLE_FILES.tlogProof) ?? "");
  } catch (err) {
    list.fail("checkpoint", "proof-malformed", BUNDLE_FILES.tlogProof, `report.tlog-proof: ${(err as Error).message}`);
    return none;
  }
  const checkpoint = openLogCheckpoint(list, proof, policy);
  if (!checkpoint) return none;
  const cosignedBy = checkCosignatures(list, proof, policy);
  checkReportLeaf(list, { proof, checkpoint, predicate, reportJson: files.get(BUNDLE_FILES.json) });
  const citations = verifyCitations(text(files, BUNDLE_FILES.citations) ?? "", checkpoint);
  if (!citations.ok) {
    list.fail("citations", "citations-invalid", BUNDLE_FILES.citations, citations.problem);
    return { checkpoint, cosignedBy, citedLeaves: 0 };
  }
  list.pass(
    "citations",
    BUNDLE_FILES.citations,
    `all ${citations.leaves.length} cited leaves are in the checkpoint's tree`,
  );
  return { checkpoint, cosignedBy, citedLeaves: citations.leaves.length };
}

/** "1 witness (local)", "3 witnesses (w1, w2, w3)", "no witness". */
function witnessCount(policy: TTlogPolicy): string {
  const n = policy.witnesses.length;
  if (n === 0) return "no witness";
  return `${n} witness${n === 1 ? "" : "es"} (${policy.witnesses.map((w) => w.name).join(", ")})`;
}
