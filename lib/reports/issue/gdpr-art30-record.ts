import "server-only";
// The GDPR Art. 30(1) record of processing activities, built from what the installation itself
// knows at the moment of issue: the purposes its access policy allows, the categories of data
// subjects and of data (the vault's resource types, with counts), the categories of recipients
// (the disclosure register's legal bases, with counts: recipients' names are sealed under each
// patient's key and never copied here), retention and the technical security measures. What only
// the controller knows (its name, its DPO, transfers to third countries...) is listed under
// `controllerFields` with a null value: the controller completes it in its own copy of the record
// (docs/reports-api.md). It holds no PHI: counts and codes only.
import { LEGAL_BASES, type TLegalBasis } from "@/lib/access/disclosures/disclosure-input";
import { POLICY_VERSION, PURPOSES_OF_USE } from "@/lib/access/policy/policy-rules";
import { csvLine } from "@/lib/monitor/explorer/csv-cell";
import { SUPPORTED_RESOURCE_TYPES } from "@/lib/vault/resource-types";
import { sinceFirstBlock } from "./report-time";
import type { TBuiltReport, TReportBuildContext, TReportBuilder } from "./report-builder";

/** report.json's format; its fields are part of every issued record. */
export const GDPR_ART30_FORMAT = "healthledger.gdpr-art30-record/v1";

/** What a purpose of use means, in the words of the record (Art. 30(1)(b)). */
const PURPOSE_TEXT: Record<(typeof PURPOSES_OF_USE)[number], string> = {
  TREAT: "Treatment by the patient's care team (Art. 9(2)(h))",
  ETREAT: "Emergency treatment under break-glass (Art. 9(2)(c))",
  PAYMENT: "Payment for care, under the patient's consent",
  OPERATIONS: "Health care operations and the privacy office's registers",
  RESEARCH: "Research, under the patient's consent (Art. 9(2)(j))",
  PUBLIC_HEALTH: "Public health, under the patient's consent (Art. 9(2)(i))",
  LEGAL: "Legal claims and obligations (Art. 9(2)(f))",
  PATIENT_REQUEST: "The data subject's own access and export (Art. 15, 20)",
};

/** Art. 30(1) fields only the controller can fill in; the record names them, empty. */
export const CONTROLLER_FIELDS = [
  "controllerName",
  "controllerContact",
  "representative",
  "dataProtectionOfficer",
  "thirdCountryTransfers",
  "transferSafeguards",
] as const;

const RETENTION =
  "Clinical records and their versions are kept until the patient's erasure is approved; erasure " +
  "destroys the patient's data key, so every sealed value (records, disclosures, case notes, report " +
  "bundles about them) becomes unreadable at once. The ledger keeps only pseudonymous leaves " +
  "(hashes, codes, pseudonyms), permanently, as the proof of integrity.";

export const gdprArt30RecordBuilder: TReportBuilder = {
  type: "gdpr_art30_record",
  build: (ctx) => buildGdprArt30Record(ctx),
};

export async function buildGdprArt30Record(ctx: TReportBuildContext): Promise<TBuiltReport> {
  const [patients, erased, records, disclosures, period] = await Promise.all([
    ctx.prisma.patient.count({ where: { erasedAt: null, createdAt: { lte: ctx.issuedAt } } }),
    ctx.prisma.patient.count({ where: { erasedAt: { not: null, lte: ctx.issuedAt } } }),
    ctx.prisma.record.groupBy({
      by: ["resourceType"],
      where: { createdAt: { lte: ctx.issuedAt }, patient: { erasedAt: null } },
      _count: { _all: true },
    }),
    ctx.prisma.disclosure.groupBy({
      by: ["legalBasis"],
      where: { createdAt: { lte: ctx.issuedAt } },
      _count: { _all: true },
    }),
    sinceFirstBlock(ctx.prisma, ctx.issuedAt),
  ]);
  const recordCount = new Map(records.map((r) => [r.resourceType, r._count._all]));
  const dataCategories = SUPPORTED_RESOURCE_TYPES.map((t) => ({ resourceType: t, records: recordCount.get(t) ?? 0 }));
  const purposes = PURPOSES_OF_USE.map((code) => ({ code, description: PURPOSE_TEXT[code] }));
  const recipients = disclosures
    .map((d) => ({
      legalBasis: d.legalBasis,
      description: LEGAL_BASES[d.legalBasis as TLegalBasis] ?? d.legalBasis,
      disclosures: d._count._all,
    }))
    .sort((a, b) => b.disclosures - a.disclosures || a.legalBasis.localeCompare(b.legalBasis));
  const witnesses = ctx.setup.witnesses.length;
  const securityMeasures = [
    "Every patient's data is sealed with AES-256-GCM under the patient's own data key, wrapped by a key-encryption key kept outside the database.",
    "Names and MRNs are found through keyed blind indexes (HMAC), never stored in the clear.",
    "Every access, decision and register entry is an anchored leaf of an append-only Merkle ledger (RFC 6962), sealed into signed checkpoints.",
    `Checkpoints are cosigned by ${witnesses} independent witness(es), quorum ${ctx.setup.quorum}; a rolled-back or forked database is refused.`,
    `Access is decided by a versioned access policy (version ${POLICY_VERSION.slice(0, 16)}…) and every decision is logged with its purpose of use.`,
  ];
  const subjects = { patients, erasedPatients: erased };
  const controllerFields = Object.fromEntries(CONTROLLER_FIELDS.map((f) => [f, null]));
  const rowsCsv =
    csvLine(["section", "code", "description", "count"]) +
    purposes.map((p) => csvLine(["purpose", p.code, p.description, null])).join("") +
    csvLine(["data_subjects", "patients", "Patients whose record is held", patients]) +
    dataCategories.map((c) => csvLine(["data_category", c.resourceType, "FHIR resource", c.records])).join("") +
    recipients.map((r) => csvLine(["recipient", r.legalBasis, r.description, r.disclosures])).join("");
  return {
    content: {
      format: GDPR_ART30_FORMAT,
      controllerFields,
      purposes,
      dataSubjects: [{ category: "patients", description: "Patients of the controller", ...subjects }],
      dataCategories,
      recipients,
      retention: RETENTION,
      securityMeasures,
      policyVersion: POLICY_VERSION,
    },
    rowsCsv,
    citedIndexes: [],
    period,
    scope: "organization",
    scopeText: "Every processing activity of this HealthLedger installation",
    sections: [
      {
        heading: "Controller (Art. 30(1)(a))",
        blocks: [
          {
            kind: "paragraph",
            text:
              "The controller completes these fields in its own copy of this record; the system does not know them: " +
              CONTROLLER_FIELDS.join(", ") +
              ".",
          },
        ],
      },
      {
        heading: "Purposes of the processing (Art. 30(1)(b))",
        blocks: [
          {
            kind: "table",
            columns: [
              { header: "Purpose of use", weight: 2 },
              { header: "Meaning", weight: 5 },
            ],
            rows: purposes.map((p) => [p.code, p.description]),
          },
        ],
      },
      {
        heading: "Data subjects and categories of data (Art. 30(1)(c))",
        blocks: [
          {
            kind: "paragraph",
            text: `Data subjects: ${patients} patient(s) whose record is held (${erased} erased, whose data is unreadable). Health data (Art. 9) as FHIR R4 resources:`,
          },
          {
            kind: "table",
            columns: [
              { header: "Resource type", weight: 3 },
              { header: "Records", align: "right" },
            ],
            rows: dataCategories.map((c) => [c.resourceType, String(c.records)]),
          },
        ],
      },
      {
        heading: "Categories of recipients (Art. 30(1)(d))",
        blocks: [
          recipients.length === 0
            ? { kind: "paragraph", text: "No disclosure is recorded in the register." }
            : {
                kind: "table",
                caption: "Disclosures in the register by legal basis (recipients' names are sealed per patient)",
                columns: [
                  { header: "Legal basis", weight: 5 },
                  { header: "Disclosures", align: "right" },
                ],
                rows: recipients.map((r) => [r.description, String(r.disclosures)]),
              },
        ],
      },
      { heading: "Retention (Art. 30(1)(f))", blocks: [{ kind: "paragraph", text: RETENTION }] },
      {
        heading: "Technical and organisational security measures (Art. 30(1)(g), Art. 32)",
        blocks: securityMeasures.map((text) => ({ kind: "paragraph" as const, text })),
      },
    ],
  };
}
