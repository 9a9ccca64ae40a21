import type { TCheckPart } from "@/lib/reports/verify/bundle-checks";

/** The verifier's parts in the order the page shows them, each with what it checks. */
export const CHECK_PARTS: readonly { part: TCheckPart; title: string; what: string }[] = [
  { part: "bundle", title: "Bundle", what: "the ZIP holds the files of an evidence bundle, each once" },
  { part: "keys", title: "Keys", what: "the report-signing key and the log key the checks below trust" },
  {
    part: "dsse",
    title: "DSSE signature",
    what: "the Ed25519 signature of report.dsse.json over its in-toto statement",
  },
  { part: "subjects", title: "File digests", what: "each file's SHA-256 against the one the signed statement lists" },
  { part: "policy", title: "Witness policy", what: "policy.txt: the log, the witnesses and the quorum" },
  {
    part: "checkpoint",
    title: "Checkpoint (tlog-proof)",
    what: "the checkpoint in report.tlog-proof is signed by the log",
  },
  {
    part: "cosignatures",
    title: "Cosignatures",
    what: "the witnesses' cosignatures on that checkpoint meet the quorum",
  },
  {
    part: "report-leaf",
    title: "The report's own leaf",
    what: "the report's ledger leaf is in the checkpoint's tree and anchors report.json",
  },
  { part: "citations", title: "Citations", what: "the inclusion proof of every ledger event the report cites" },
  {
    part: "pdf",
    title: "PDF signature",
    what: "report.pdf's PAdES signature and its certificate chain to the evidence CA",
  },
];

export const partTitle = (part: TCheckPart) => CHECK_PARTS.find((p) => p.part === part)?.title ?? part;
