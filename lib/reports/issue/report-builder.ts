import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import type { LedgerPool } from "@/lib/ledger/ledger-pool";
import type { LogKeys } from "@/lib/ledger/log-keys";
import type { TWitnessSetup } from "@/lib/ledger/witness/witness-endpoints";
import type { TReportDocumentInput } from "../pdf/report-document";
import type { TBundleFileName } from "../verify/layout";
import type { TReportType } from "./report-catalog";
import type { TReportSort } from "./report-types";

// What one report type contributes to issuing: everything it reads from the database, as
// report.json's content, rows.csv and the PDF's sections. The issuer (issue-report.ts) adds the
// report's identity, anchors it, signs and bundles it; a builder never writes anything.

export type TReportBuildContext = {
  prisma: PrismaClient;
  pool: LedgerPool;
  setup: TWitnessSetup;
  logKeys: LogKeys;
  /** The issue time: a report covers nothing after it. */
  issuedAt: Date;
  actor: { id: string; role: Role };
};

/** The request's fields as the builder sees them, validated (lib/reports/issue/report-types.ts). */
export type TReportParams = {
  patientId?: string;
  /** For an erasure-scoped type: the approved erasure request it certifies. */
  erasureRequestId?: string;
  /** Present when the type takes a period and the request named one; `to` is clamped to the issue time. */
  period?: { from: Date; to: Date };
  /** For a sortable type (its catalog entry says so): how its rows are ordered; the builder's default otherwise. */
  sort?: TReportSort;
};

export type TBuiltReport = {
  /** The object report.json holds (the issuer adds the report's id, type, scope, period and issue facts). */
  content: Record<string, unknown>;
  rowsCsv: string;
  /**
   * The files only this report format carries (REPORT_TYPE_FILES in lib/reports/verify/layout.ts),
   * by name; `content.files` must name each one's SHA-256, which the verifier checks.
   */
  files?: Partial<Record<TBundleFileName, Uint8Array>>;
  /** PDF sections after the title page. */
  sections: TReportDocumentInput["sections"];
  /** Ledger indexes the report cites; each gets an inclusion proof in the bundle. */
  citedIndexes: number[];
  period: { start: Date; end: Date };
  /** What the report covers, as the ledger leaf and the report table carry it: never a name or MRN. */
  scope: string;
  /** The same in words, for the PDF's title page. */
  scopeText: string;
  /**
   * Set for a report about one patient: the issue and every download are access events about
   * them, and the bundle is stored sealed under their data key.
   */
  patientId?: string;
};

export type TReportBuilder = {
  type: TReportType;
  build(ctx: TReportBuildContext, params: TReportParams): Promise<TBuiltReport>;
};
