// The PDF of an accounting of disclosures: a summary, the exclusions applied with their counts,
// the accounting itself (one line per recipient and purpose, repeated disclosures summarised
// with first date, number and last date, 164.528(b)(3)), and every disclosure in date order.
import type { TReportDocumentInput } from "../../pdf/report-document";
import type { TExclusionCount } from "./accounting-exclusions";
import type { TAccountingEntry } from "./read-accounting-entries";
import type { TDisclosureGroup } from "./repeated-disclosures";
import { utcSeconds } from "../report-time";

type TSections = TReportDocumentInput["sections"];

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Staff text in a PDF cell: no control characters (the renderer refuses them), bounded. */
export function cellText(s: string, max = 1_500): string {
  const clean = s.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, " ");
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

export function accountingSections(a: {
  period: { from: Date; to: Date };
  accounted: readonly TAccountingEntry[];
  exclusions: readonly TExclusionCount[];
  groups: readonly TDisclosureGroup<TAccountingEntry>[];
  corrected: number;
  basisText: (code: string) => string;
}): TSections {
  const excluded = a.exclusions.reduce((n, x) => n + x.removed, 0);
  const repeated = a.groups.filter((g) => g.count > 1);
  const recipient = (e: TAccountingEntry) => cellText([e.recipientName, e.recipientAddress].filter(Boolean).join("\n"));
  return [
    {
      heading: "Summary",
      blocks: [
        {
          kind: "paragraph",
          text:
            `This is the accounting of disclosures of protected health information (45 CFR 164.528) made between ` +
            `${utcSeconds(a.period.from)} and ${utcSeconds(a.period.to)}. ` +
            (a.accounted.length === 0
              ? "No disclosure in this period must be accounted for."
              : `${a.accounted.length} ${a.accounted.length === 1 ? "disclosure is" : "disclosures are"} accounted for, ` +
                `to ${a.groups.length} ${a.groups.length === 1 ? "recipient and purpose" : "recipients and purposes"}` +
                (repeated.length
                  ? `; ${repeated.length} of them repeated, summarised as 164.528(b)(3) allows.`
                  : ".")) +
            ` ${excluded} register ${excluded === 1 ? "entry was" : "entries were"} left out under the exclusions of 164.528(a)(1) listed below.` +
            (a.corrected
              ? ` ${a.corrected} ${a.corrected === 1 ? "entry was" : "entries were"} corrected later: the corrections are accounted, not the entries they replace.`
              : "") +
            " Each accounted disclosure is an entry of the ledger, cited with its inclusion proof in this bundle.",
        },
      ],
    },
    {
      heading: "Exclusions applied (164.528(a)(1))",
      blocks: [
        {
          kind: "table",
          caption:
            "Each exclusion the register can tell, by the legal basis an entry was recorded under or by its date.",
          columns: [
            { header: "Rule", weight: 2 },
            { header: "Disclosures not accounted", weight: 5 },
            { header: "Entries removed", weight: 1.6, align: "right" },
          ],
          rows: a.exclusions.map((x) => [x.rule, x.label, String(x.removed)]),
        },
        {
          kind: "paragraph",
          text:
            "The register does not record a health oversight agency's or law enforcement official's request to suspend " +
            "the accounting of a disclosure for a time (164.528(a)(2)): such disclosures are accounted here.",
        },
      ],
    },
    {
      heading: "Accounting by recipient and purpose",
      blocks: [
        a.groups.length === 0
          ? { kind: "paragraph", text: "None." }
          : {
              kind: "table",
              caption:
                "Several disclosures to one recipient for one purpose show once: the first disclosure, how many and how often, and the last date.",
              columns: [
                { header: "First date", weight: 2.1 },
                { header: "Recipient", weight: 3 },
                { header: "PHI disclosed", weight: 3 },
                { header: "Purpose and legal basis", weight: 3.4 },
                { header: "Times", weight: 1.3, align: "right" },
                { header: "Frequency", weight: 2.2 },
                { header: "Last date", weight: 2.1 },
              ],
              rows: a.groups.map((g) => [
                day(g.first.disclosedAt),
                recipient(g.first),
                cellText(g.first.description),
                cellText(`${g.first.purpose}\n(${a.basisText(g.first.legalBasis)})`),
                String(g.count),
                g.everyDays === null ? "once" : g.everyDays === 0 ? "same day" : `about every ${g.everyDays} days`,
                day(g.last.disclosedAt),
              ]),
            },
      ],
    },
    {
      heading: "Every accounted disclosure",
      blocks: [
        a.accounted.length === 0
          ? { kind: "paragraph", text: "None." }
          : {
              kind: "table",
              caption: "Oldest first; rows.csv holds the same rows.",
              columns: [
                { header: "Date", weight: 2.1 },
                { header: "Recipient", weight: 3 },
                { header: "PHI disclosed", weight: 3.2 },
                { header: "Purpose", weight: 3 },
                { header: "Legal basis", weight: 2.6 },
                { header: "Ledger", weight: 1.2, align: "right" },
              ],
              rows: a.accounted.map((e) => [
                day(e.disclosedAt),
                recipient(e),
                cellText(e.description),
                cellText(e.purpose),
                a.basisText(e.legalBasis),
                String(e.ledgerIndex),
              ]),
            },
      ],
    },
  ];
}
