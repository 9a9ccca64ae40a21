// The files only some report formats carry (REPORT_TYPE_FILES, e.g. an Art. 15 package's FHIR
// copy): present exactly when the signed report type asks for them, and each one the file whose
// SHA-256 report.json names, so the report's own ledger leaf binds it as well as the statement.
import { sha256 } from "@noble/hashes/sha2.js";
import { isJsonObject } from "@/lib/ledger/kinds/json-shape";
import { bytesToHex, utf8Decode } from "@/lib/ledger/tlog/encoding";
import type { CheckList } from "./bundle-checks";
import { BUNDLE_FILES, OPTIONAL_FILES, REPORT_TYPE_FILES } from "./layout";
import type { TEvidencePredicate } from "./statement";

/** report.json's `files`: each report-format file's SHA-256, or null when report.json does not say. */
function namedDigest(reportJson: Uint8Array | undefined, name: string): string | null {
  if (!reportJson) return null;
  try {
    const report: unknown = JSON.parse(utf8Decode(reportJson));
    if (!isJsonObject(report) || !isJsonObject(report.files)) return null;
    const entry = report.files[name];
    return isJsonObject(entry) && typeof entry.sha256 === "string" ? entry.sha256 : null;
  } catch {
    return null;
  }
}

export function checkReportFiles(
  list: CheckList,
  files: Map<string, Uint8Array>,
  predicate: TEvidencePredicate | null,
): void {
  // Without a signed report type there is nothing to hold the files against: the statement failed already.
  if (!predicate) return;
  const wanted = REPORT_TYPE_FILES[predicate.reportType] ?? [];
  for (const name of OPTIONAL_FILES)
    if (files.has(name) && !wanted.includes(name))
      list.fail("bundle", "unexpected-file", name, `a ${predicate.reportType} bundle carries no ${name}`);
  for (const name of wanted) {
    const bytes = files.get(name);
    if (!bytes) {
      list.fail("bundle", "missing-file", name, `a ${predicate.reportType} bundle must carry ${name}`);
      continue;
    }
    if (namedDigest(files.get(BUNDLE_FILES.json), name) === bytesToHex(sha256(bytes)))
      list.pass("report-leaf", name, `${name} is the file report.json names (anchored by the report's leaf)`);
    else
      list.fail(
        "report-leaf",
        "leaf-mismatch",
        name,
        `${name} is not the file report.json names: it was changed or swapped`,
      );
  }
}
