import { REPORT_LEAF_KIND, REPORT_LEAF_VERSION } from "./report-leaf";
import { ZReportLeaf } from "./report-leaf-schema";
import { defineLeafKind, pickLeafFields } from "./define-leaf-kind";

const FIELDS = ["id", "reportType", "scope", "periodStart", "periodEnd", "issuedAt", "reportSha256"] as const;

/**
 * An issued report. Its leaf is the one lib/ledger/kinds/report-leaf.ts defines and the offline
 * verifier checks against report.json, so the row's columns go through that schema: a row that is
 * not a valid report leaf cannot be anchored. Changing the format breaks issued reports: bump
 * the version there and here.
 */
export const reportIssuedKind = defineLeafKind({
  kind: REPORT_LEAF_KIND,
  version: REPORT_LEAF_VERSION,
  table: "IssuedReport",
  fields: FIELDS,
  toLeafObject: (row) => ZReportLeaf.parse(pickLeafFields(row, FIELDS)),
});
