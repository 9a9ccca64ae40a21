import "server-only";
// The erasure certificate as a report: one approved GDPR Art. 17 erasure, certified from the
// ledger. The data subject's key is destroyed, so the bundle cannot be sealed under it: its scope is
// `erasure:<request id>` (report-catalog.ts, scope kind "erasure") and it names the subject by
// pseudonym only — the name the ledger's leaves already use — never a name, MRN or the decision's
// reason. It cites the decision's leaf: the approval that, in the same transaction, destroyed the
// data key and the blind indexes (lib/vault/decide-erasure.ts); the request is not a leaf of its own,
// the decision's leaf names it. Its leaf bytes are in report.json, so a reader sees what is proved.
import crypto from "node:crypto";
import { AppError } from "@/lib/errors";
import { getLeafKind } from "@/lib/ledger/kinds";
import { leafBytesFor } from "@/lib/ledger/kinds/define-leaf-kind";
import { awaitSealed } from "@/lib/ledger/seal/await-sealed";
import { bytesToBase64 } from "@/lib/ledger/tlog/encoding";
import { csvLine } from "@/lib/monitor/explorer/csv-cell";
import { ERASURE_STATEMENT, erasureFacts, findApprovedErasure } from "@/lib/vault/issue-erasure-certificate";
import type { TBuiltReport, TReportBuildContext, TReportBuilder, TReportParams } from "./report-builder";
import { utcSeconds } from "./report-time";

/** report.json's format; its fields are part of every issued certificate. */
export const ERASURE_CERTIFICATE_FORMAT = "healthledger.erasure-certificate/v1";

export const erasureCertificateBuilder: TReportBuilder = {
  type: "erasure_certificate",
  build: buildErasureCertificate,
};

export async function buildErasureCertificate(ctx: TReportBuildContext, params: TReportParams): Promise<TBuiltReport> {
  const requestId = params.erasureRequestId;
  if (!requestId)
    throw new AppError("unprocessable", "An erasure certificate certifies one erasure: give erasureRequestId.");
  const { request, decision } = await findApprovedErasure(ctx.prisma, requestId);
  const receipt = await awaitSealed({
    pool: ctx.pool,
    kind: "erasure_decision",
    rowId: decision.id,
    timeoutMs: 15_000,
  });
  const leafBytes = leafBytesFor(getLeafKind("erasure_decision"), decision);
  const facts = {
    ...erasureFacts(request, decision),
    ground: decision.ground,
    recordsMadeUnreadable: decision.recordCount,
  };
  const ledger = {
    kind: "erasure_decision",
    index: receipt.index,
    leafBytes: bytesToBase64(leafBytes),
    leafSha256: crypto
      .createHash("sha256")
      .update(Buffer.concat([Buffer.of(0), leafBytes]))
      .digest("hex"),
  };
  const rows: [string, string | number][] = [
    ...Object.entries(facts),
    ["ledgerKind", ledger.kind],
    ["ledgerIndex", ledger.index],
  ];
  return {
    content: { format: ERASURE_CERTIFICATE_FORMAT, ...facts, statement: ERASURE_STATEMENT, ledger },
    rowsCsv: csvLine(["field", "value"]) + rows.map((r) => csvLine(r)).join(""),
    citedIndexes: [receipt.index],
    period: { start: request.createdAt, end: decision.createdAt },
    scope: `erasure:${request.id}`,
    scopeText: `The erasure of data subject ${decision.pseudonym} (erasure request ${request.id})`,
    sections: [
      {
        heading: "Certificate of erasure (GDPR Art. 17)",
        blocks: [
          {
            kind: "paragraph",
            text: `This certifies that the personal data of the data subject known in the ledger as ${decision.pseudonym} was erased at ${utcSeconds(decision.createdAt)} on the request filed at ${utcSeconds(request.createdAt)} ${request.filedBy === "data_subject" ? "by the data subject" : "by a compliance officer on the data subject's behalf"}, decided by a second compliance officer.`,
          },
          { kind: "paragraph", text: ERASURE_STATEMENT },
          {
            kind: "table",
            columns: [
              { header: "Fact", weight: 2 },
              { header: "Value", weight: 5 },
            ],
            rows: [
              ["Erasure request", request.id],
              ["Decision", decision.id],
              ["Data subject (pseudonym)", decision.pseudonym],
              ["Filed by", request.filedBy === "data_subject" ? "the data subject" : "a compliance officer"],
              ["Requested at", utcSeconds(request.createdAt)],
              ["Erased at", utcSeconds(decision.createdAt)],
              ["Legal basis", "GDPR Art. 17(1)"],
              ["Records made unreadable", String(decision.recordCount)],
            ],
          },
        ],
      },
      {
        heading: "Proof in the ledger",
        blocks: [
          {
            kind: "paragraph",
            text:
              `The decision is entry ${receipt.index} of the ledger (kind erasure_decision): it names the request, the ` +
              "pseudonym, the outcome and the number of records, and it was written in the same transaction that destroyed " +
              "the data key and the blind indexes, so the entry exists only if the erasure happened. Its inclusion proof is " +
              "in citations.json, against the witnessed checkpoint of report.tlog-proof; report.json holds the entry's bytes " +
              `(its leaf hash is ${ledger.leafSha256}). The decision's reason is not part of this certificate: it was sealed ` +
              "under the destroyed key.",
          },
        ],
      },
    ],
  };
}
