// The PDF of the Art. 33(5) breach record: what it includes, then for each section (breaches
// determined, breaches presumed) the facts, the effects and the remedial action of every case, as
// tables of codes and counts, and the notification clocks. No free text of any case reaches it.
import {
  BREACH_EXCEPTIONS,
  CASE_STATE_LABEL,
  DETERMINATIONS,
  DISCOVERY_METHODS,
  RISK_FACTORS,
  SANCTION_TIERS,
} from "@/lib/monitor/cases/case-codes";
import type { TReportDocumentInput } from "../../pdf/report-document";
import { utcSeconds } from "../report-time";
import { clockText } from "./breach-record-rules";
import type { TBreachRecordEntry } from "./breach-record-entry";

type TSections = TReportDocumentInput["sections"];

const label = <T extends Record<string, string>>(codes: T, code: string | null) =>
  code === null ? "—" : ((codes as Record<string, string>)[code] ?? code);
const tierText = (t: number | null) => (t === null ? "—" : label(SANCTION_TIERS as Record<number, string>, String(t)));

export const BREACH_RECORD_INCLUDES =
  "Every privacy case discovered in the period whose determination is a breach of unsecured personal data is " +
  'documented under "Breaches". Cases not (yet) determined a breach — still open, or referred — whose latest ' +
  "risk assessment concludes that a breach is presumed (45 CFR 164.402: no exception applies and not all four " +
  'factors are low) are listed apart under "Presumed breaches, not yet determined". Cases explained, determined ' +
  "a violation that is not a breach, or not yet assessed are not in this record.";

export const BREACH_RECORD_WITHHOLDS =
  "Cases are named by their reference only. The staff member appears by role, the patients are counted, never " +
  "named; notes, the assessment's rationales and the alerts' wording are free text sealed under the case's key and " +
  "are never copied into this record: the controller produces them from the case file if the supervisory " +
  "authority asks.";

export function breachRecordSections(r: {
  period: { from: Date; to: Date };
  issuedAt: Date;
  breaches: readonly TBreachRecordEntry[];
  presumed: readonly TBreachRecordEntry[];
}): TSections {
  const overdue = [...r.breaches, ...r.presumed].filter((c) => c.clocks.some((k) => k.status === "overdue")).length;
  return [
    {
      heading: "What this record holds (GDPR Art. 33(5))",
      blocks: [
        {
          kind: "paragraph",
          text:
            `The controller's documentation of personal data breaches discovered between ${utcSeconds(r.period.from)} ` +
            `and ${utcSeconds(r.period.to)}: the facts of each breach, its effects and the remedial action taken, so ` +
            `the supervisory authority can verify compliance with Art. 33. ${r.breaches.length} ` +
            `${r.breaches.length === 1 ? "breach is" : "breaches are"} documented and ${r.presumed.length} ` +
            `${r.presumed.length === 1 ? "case is" : "cases are"} presumed a breach, not yet determined; ` +
            `${overdue} of them ${overdue === 1 ? "has" : "have"} a notification deadline overdue at ${utcSeconds(r.issuedAt)}.`,
        },
        { kind: "paragraph", text: BREACH_RECORD_INCLUDES },
        { kind: "paragraph", text: BREACH_RECORD_WITHHOLDS },
        {
          kind: "paragraph",
          text:
            "Every change of every case listed is an entry of the ledger, and so is every access behind its alerts: " +
            "each is cited with its inclusion proof in this bundle (citations.json).",
        },
      ],
    },
    ...caseSections({ title: "Breaches", prefix: "B", cases: r.breaches, asOf: r.issuedAt }),
    ...caseSections({
      title: "Presumed breaches, not yet determined",
      prefix: "P",
      cases: r.presumed,
      asOf: r.issuedAt,
    }),
  ];
}

/**
 * One section's tables. A case id (a uuid) does not fit a narrow column, so the first table gives
 * each case a short reference of this record (B1, B2…, P1…) beside its id, and the others use it.
 */
function caseSections(o: {
  title: string;
  prefix: string;
  cases: readonly TBreachRecordEntry[];
  asOf: Date;
}): TSections {
  const { title, cases, asOf } = o;
  if (cases.length === 0)
    return [{ heading: title, blocks: [{ kind: "paragraph", text: "No case of the period falls here." }] }];
  const refs = new Map(cases.map((c, i) => [c.caseId, `${o.prefix}${i + 1}`]));
  const ref = (c: TBreachRecordEntry) => refs.get(c.caseId)!;
  const REF = { header: "Ref.", weight: 0.7 };
  return [
    {
      heading: `${title}: the facts (Art. 33(3)(a))`,
      blocks: [
        {
          kind: "table",
          caption: "Each case: its reference in this record, when and how it was discovered, the staff member's role",
          columns: [
            REF,
            { header: "Case id", weight: 4.2 },
            { header: "Discovered", weight: 2 },
            { header: "How", weight: 2.2 },
            { header: "Staff role", weight: 1.8 },
          ],
          rows: cases.map((c) => [
            ref(c),
            c.caseId,
            utcSeconds(new Date(c.discoveredAt)),
            label(DISCOVERY_METHODS, c.discoveredHow),
            c.actorRole ?? "—",
          ]),
        },
        {
          kind: "table",
          caption: "Nature of each breach: what the monitoring found (rule: reason × alerts, severity)",
          columns: [REF, { header: "Findings", weight: 8 }],
          rows: cases.map((c) => [
            ref(c),
            c.nature.rules.map((x) => `${x.ruleId}: ${x.reasonCode} × ${x.alerts} (${x.severity})`).join("\n") ||
              "none",
          ]),
        },
        {
          kind: "table",
          caption:
            "Data subjects and records concerned (approximate: counted from the accesses behind the alerts, at most 500 per alert)",
          columns: [
            REF,
            { header: "Patients", align: "right" },
            { header: "Accesses", align: "right" },
            { header: "Denied", align: "right" },
            { header: "Records", align: "right" },
            { header: "Categories of data (accesses)", weight: 4 },
          ],
          rows: cases.map((c) => [
            ref(c),
            String(c.concerned.patients),
            String(c.concerned.events),
            String(c.concerned.denied),
            String(c.concerned.records),
            c.concerned.dataCategories.map((d) => `${d.category} (${d.events})`).join(", ") || "—",
          ]),
        },
      ],
    },
    {
      heading: `${title}: likely consequences (Art. 33(3)(c), 45 CFR 164.402(2))`,
      blocks: [
        {
          kind: "table",
          caption: Object.values(RISK_FACTORS).join("; "),
          columns: [
            REF,
            { header: "(i) Nature", weight: 1.2 },
            { header: "(ii) Person", weight: 1.2 },
            { header: "(iii) Viewed", weight: 1.2 },
            { header: "(iv) Mitigated", weight: 1.3 },
            { header: "Exceptions", weight: 2 },
            { header: "Conclusion", weight: 2 },
          ],
          rows: cases.map((c) => {
            const a = c.assessment;
            if (!a) return [ref(c), "—", "—", "—", "—", "—", "not assessed"];
            return [
              ref(c),
              a.levels.nature,
              a.levels.recipient,
              a.levels.acquired,
              a.levels.mitigation,
              a.exceptions.map((e) => (/^\([ivx]+\)/.exec(label(BREACH_EXCEPTIONS, e)) ?? [e])[0]).join(" ") || "none",
              `${a.conclusion.replace(/_/g, " ")} (${utcSeconds(new Date(a.assessedAt)).slice(0, 10)})`,
            ];
          }),
        },
      ],
    },
    {
      heading: `${title}: measures taken (Art. 33(3)(d))`,
      blocks: [
        {
          kind: "table",
          columns: [
            REF,
            { header: "State", weight: 1.6 },
            { header: "Determination", weight: 3.5 },
            { header: "Sanction", weight: 2.5 },
            { header: "Notified", weight: 2 },
          ],
          rows: cases.map((c) => [
            ref(c),
            label(CASE_STATE_LABEL, c.state),
            c.determination
              ? `${label(DETERMINATIONS, c.determination)}${c.determinedAt ? `, ${utcSeconds(new Date(c.determinedAt)).slice(0, 10)}` : ""}`
              : "not determined",
            tierText(c.sanctionTier),
            c.notifiedAt ? utcSeconds(new Date(c.notifiedAt)) : "not notified",
          ]),
        },
      ],
    },
    {
      heading: `${title}: notification clocks as of the issue`,
      blocks: [
        {
          kind: "table",
          caption:
            "From discovery: GDPR Art. 33(1), the supervisory authority within 72 hours; 45 CFR 164.404(b), the individuals within 60 days",
          columns: [
            REF,
            { header: "72 h due", weight: 2 },
            { header: "GDPR Art. 33(1)", weight: 2.5 },
            { header: "60 d due", weight: 2 },
            { header: "HIPAA 164.404(b)", weight: 2.5 },
          ],
          rows: cases.map((c) => {
            const cells = (id: string) => {
              const k = c.clocks.find((x) => x.id === id)!;
              const due = new Date(k.dueAt);
              const notifiedAt = c.notifiedAt ? new Date(c.notifiedAt) : null;
              return [utcSeconds(due), clockText({ status: k.status, dueAt: due, notifiedAt, asOf })];
            };
            return [ref(c), ...cells("gdpr_art33"), ...cells("hipaa_individual")];
          }),
        },
      ],
    },
  ];
}
