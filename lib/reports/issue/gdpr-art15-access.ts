import "server-only";
// The GDPR Art. 15 access package: a copy of the data subject's records as a FHIR R4 Bundle
// (data.fhir.json, named by digest in report.json), the purposes (15(1)(a)), categories of data
// ((b)), recipients from the disclosure register, opened under the patient's key ((c)), retention
// ((d)), source ((g)), and the date and purpose of every consultation of the record (CJEU
// C-579/21): staff appear by role and department, by name only when HL_ART15_STAFF_IDENTITY says so.
import crypto from "node:crypto";
import { PURPOSES_OF_USE } from "@/lib/access/policy/policy-rules";
import { runtimeEnv } from "@/lib/config/runtime-env";
import { AppError } from "@/lib/errors";
import { exportPatientBundle } from "@/lib/fhir/export-patient-bundle";
import { validateBundle } from "@/lib/fhir/validate-bundle";
import { openPatientKey } from "@/lib/keys/open-patient-key";
import { csvLine } from "@/lib/monitor/explorer/csv-cell";
import { BUNDLE_FILES } from "../verify/layout";
import { describeAction, describeOutcome, describePurpose } from "./access-report/access-wording";
import { readPatientAccesses } from "./access-report/read-patient-accesses";
import { readAccountingEntries } from "./disclosure-accounting/read-accounting-entries";
import type { TBuiltReport, TReportBuildContext, TReportBuilder, TReportParams } from "./report-builder";
import { utcSeconds } from "./report-time";

export const GDPR_ART15_FORMAT = "healthledger.gdpr-art15-access/v1";
export const ART15_MAX_CONSULTATIONS = 100_000;
export const ART15_PDF_ROWS = 2_000;
export type TStaffIdentity = "role" | "name";

export const ART15_RETENTION =
  "Your records are kept while you are a patient here and until an erasure you ask for (Art. 17) is approved; " +
  "erasure destroys your data key, so every sealed value about you becomes unreadable at once. The ledger keeps " +
  "only pseudonymous entries (hashes, codes, your pseudonym), permanently, as the proof of integrity.";

export const gdprArt15AccessBuilder: TReportBuilder = {
  type: "gdpr_art15_access",
  build: (ctx, params) => buildGdprArt15Access(ctx, params, { staffIdentity: runtimeEnv().HL_ART15_STAFF_IDENTITY }),
};

export async function buildGdprArt15Access(
  ctx: TReportBuildContext,
  params: TReportParams,
  opts: { staffIdentity: TStaffIdentity },
): Promise<TBuiltReport> {
  const patientId = params.patientId;
  if (!patientId)
    throw new AppError("unprocessable", "An Art. 15 access package is about one patient: give patientId.");
  // not_found for no such patient, conflict (409) once their key is destroyed.
  const key = await openPatientKey(ctx.prisma, patientId);
  let recipients: Awaited<ReturnType<typeof readAccountingEntries>>;
  try {
    recipients = await readAccountingEntries(ctx.prisma, ctx.pool, {
      patientId,
      from: new Date(0),
      to: ctx.issuedAt,
      dek: key.dek,
    });
  } finally {
    key.dek.fill(0);
  }
  const copy = { ...(await exportPatientBundle(ctx.prisma, patientId)), timestamp: ctx.issuedAt.toISOString() };
  const valid = validateBundle(copy);
  // Our own export failing our own validator is a bug, never the requester's fault: refuse to issue it.
  if (!valid.ok) throw new Error(`the FHIR copy does not validate: ${valid.problems.map((p) => p.path).join(", ")}`);
  const copyBytes = Buffer.from(`${JSON.stringify(copy, null, 2)}\n`, "utf8");
  const consultations = await readPatientAccesses(ctx.prisma, {
    patientId,
    from: new Date(0),
    to: ctx.issuedAt,
    limit: ART15_MAX_CONSULTATIONS,
  });
  if (consultations.length > ART15_MAX_CONSULTATIONS)
    throw new AppError("unprocessable", "More consultations of this record exist than one package may cite.");
  const patient = await ctx.prisma.patient.findUniqueOrThrow({ where: { id: patientId }, select: { createdAt: true } });
  const categories = countBy((copy.entry ?? []).map((e) => e.resource?.resourceType ?? "unknown"));
  const sources = await readSources(ctx, patientId, opts.staffIdentity);
  const named = opts.staffIdentity === "name";
  const rows = consultations.map((c) => ({
    recorded: c.recorded.toISOString(),
    ledgerIndex: c.ledgerIndex,
    eventId: c.eventId,
    ...(named ? { actorName: c.actorName } : {}),
    actorRole: c.actorRole,
    department: c.department,
    action: describeAction(c),
    purposeOfUse: c.purposeOfUse,
    purpose: describePurpose(c.purposeOfUse),
    outcome: describeOutcome(c.outcome),
  }));
  const used = countBy(consultations.map((c) => c.purposeOfUse ?? "not stated"));
  const purposes = PURPOSES_OF_USE.map((code) => ({
    code,
    description: describePurpose(code),
    consultations: used.get(code) ?? 0,
  }));
  const start = [patient.createdAt, consultations[0]?.recorded].filter((d): d is Date => !!d);
  const period = {
    start: new Date(Math.min(...start.map((d) => d.getTime()), ctx.issuedAt.getTime())),
    end: ctx.issuedAt,
  };
  const content = {
    format: GDPR_ART15_FORMAT,
    patient: { id: patientId, pseudonym: key.pseudonym },
    staffIdentity: opts.staffIdentity,
    files: {
      [BUNDLE_FILES.fhirData]: {
        sha256: crypto.createHash("sha256").update(copyBytes).digest("hex"),
        bytes: copyBytes.length,
        fhirVersion: "4.0.1",
        resources: copy.entry?.length ?? 0,
      },
    },
    purposes,
    categories: [...categories].map(([resourceType, count]) => ({ resourceType, count })),
    recipients: recipients.entries.map((e) => ({
      id: e.id,
      disclosedAt: e.disclosedAt.toISOString(),
      recipientName: e.recipientName,
      recipientAddress: e.recipientAddress,
      description: e.description,
      purpose: e.purpose,
      legalBasis: e.legalBasis,
      ledgerIndex: e.ledgerIndex,
    })),
    retention: ART15_RETENTION,
    sources,
    consultations: rows,
  };
  const cols = [
    "recorded",
    "ledgerIndex",
    "eventId",
    ...(named ? ["actorName"] : []),
    "actorRole",
    "department",
    "action",
    "purposeOfUse",
    "outcome",
  ];
  const rowsCsv =
    csvLine(cols) +
    rows
      .map((r) =>
        csvLine([
          r.recorded,
          r.ledgerIndex,
          r.eventId,
          ...(named ? [r.actorName ?? null] : []),
          r.actorRole,
          r.department,
          r.action,
          r.purposeOfUse,
          r.outcome,
        ]),
      )
      .join("");
  const who = (r: (typeof rows)[number]) =>
    [named ? (r.actorName ?? "(unknown account)") : null, r.actorRole ?? "(system)", r.department]
      .filter(Boolean)
      .join(", ");
  const listed = rows.slice(-ART15_PDF_ROWS).reverse();
  return {
    content,
    rowsCsv,
    files: { [BUNDLE_FILES.fhirData]: copyBytes },
    citedIndexes: [...recipients.entries.map((e) => e.ledgerIndex), ...consultations.map((c) => c.ledgerIndex)].sort(
      (a, b) => a - b,
    ),
    period,
    scope: `patient:${key.pseudonym}`,
    scopeText: `The data held about patient ${key.pseudonym} (their pseudonym in this system)`,
    patientId,
    sections: [
      {
        heading: "Your data (Art. 15(1)(b), 15(3))",
        blocks: [
          {
            kind: "paragraph",
            text: `A copy of every record held about you is in this bundle as data.fhir.json (a FHIR R4 Bundle, ${copy.entry?.length ?? 0} resources). By type:`,
          },
          {
            kind: "table",
            columns: [
              { header: "Resource type", weight: 3 },
              { header: "Records", align: "right" },
            ],
            rows: [...categories].map(([t, n]) => [t, String(n)]),
          },
        ],
      },
      {
        heading: "Purposes of the processing (Art. 15(1)(a))",
        blocks: [
          {
            kind: "table",
            columns: [
              { header: "Purpose", weight: 4 },
              { header: "Consultations of your record", align: "right", weight: 2 },
            ],
            rows: purposes.map((p) => [p.description, String(p.consultations)]),
          },
        ],
      },
      {
        heading: "Recipients (Art. 15(1)(c))",
        blocks: [
          recipients.entries.length === 0
            ? { kind: "paragraph", text: "Your data was not disclosed to anyone outside this organisation." }
            : {
                kind: "table",
                columns: [
                  { header: "Date", weight: 2 },
                  { header: "Recipient", weight: 3 },
                  { header: "What", weight: 3 },
                  { header: "Purpose", weight: 3 },
                ],
                rows: recipients.entries.map((e) => [
                  utcSeconds(e.disclosedAt),
                  `${e.recipientName}, ${e.recipientAddress}`,
                  e.description,
                  e.purpose,
                ]),
              },
        ],
      },
      { heading: "Retention (Art. 15(1)(d))", blocks: [{ kind: "paragraph", text: ART15_RETENTION }] },
      {
        heading: "Your rights (Art. 15(1)(e), (f), (h))",
        blocks: [
          {
            kind: "paragraph",
            text:
              "You may ask for your data to be corrected, erased (at /me) or its processing restricted, object to it, and lodge a complaint with a supervisory authority. " +
              "No decision about you is made by automated means: the privacy monitoring rules look at how staff use records, not at you.",
          },
        ],
      },
      {
        heading: "Source of the data (Art. 15(1)(g))",
        blocks: [
          {
            kind: "table",
            columns: [
              { header: "Source", weight: 5 },
              { header: "Record versions", align: "right", weight: 2 },
            ],
            rows: sources.map((s) => [s.source, String(s.versions)]),
          },
        ],
      },
      {
        heading: "Every consultation of your record (CJEU C-579/21)",
        blocks: [
          rows.length === 0
            ? { kind: "paragraph", text: "No one consulted your record." }
            : {
                kind: "table",
                caption: `${named ? "Staff are named" : "Staff appear by role and department"}, as the controller's policy says. ${
                  rows.length > listed.length
                    ? `The latest ${listed.length} of ${rows.length}, newest first; rows.csv lists them all.`
                    : "Newest first."
                }`,
                columns: [
                  { header: "When", weight: 2 },
                  { header: "Who", weight: 3 },
                  { header: "What", weight: 3 },
                  { header: "Why", weight: 3 },
                  { header: "Result", weight: 1.5 },
                  { header: "Ledger", weight: 1.3, align: "right" },
                ],
                rows: listed.map((r) => [
                  utcSeconds(new Date(r.recorded)),
                  who(r),
                  r.action,
                  r.purpose,
                  r.outcome,
                  String(r.ledgerIndex),
                ]),
              },
        ],
      },
    ],
  };
}

function countBy(values: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

/** Art. 15(1)(g): who wrote each version of the records, as the staff-identity policy allows. */
async function readSources(ctx: TReportBuildContext, patientId: string, identity: TStaffIdentity) {
  const versions = await ctx.prisma.recordVersion.findMany({
    where: { record: { patientId } },
    select: { authorId: true },
  });
  const authors = await ctx.prisma.user.findMany({
    where: { id: { in: [...new Set(versions.flatMap((v) => (v.authorId ? [v.authorId] : [])))] } },
    select: { id: true, displayName: true, role: true, department: true },
  });
  const byId = new Map(authors.map((a) => [a.id, a]));
  const label = (authorId: string | null) => {
    const a = authorId ? byId.get(authorId) : undefined;
    if (!a) return "Imported into this system (FHIR import or registration), no author recorded";
    const staff = [identity === "name" ? a.displayName : null, a.role, a.department].filter(Boolean).join(", ");
    return `Recorded by staff of this organisation (${staff})`;
  };
  return [...countBy(versions.map((v) => label(v.authorId)))].map(([source, n]) => ({ source, versions: n }));
}
