import type { TReportDocumentInput } from "../report-document";

// A multi-page report with names in Latin, Greek, Cyrillic, Chinese, Japanese and Korean, a long
// cell that wraps, and enough rows to run a table over several pages. Tests render and sign it;
// `pdftoppm -png` of it is what a person looks at.

export const SAMPLE_NAMES = [
  "Zoë Łukasz-Ősz",
  "Παπαδόπουλος Ιωάννης",
  "Ёлкина Анна Сергеевна",
  "王秀英",
  "张伟",
  "山﨑 さくら",
  "渡邊 カタカナ",
  "김민준",
  "Şahin İnci",
  "Nguyễn Thị Hồng",
];

export function sampleReport(rows = 120): TReportDocumentInput {
  const actions = ["read", "search", "update", "export", "break-glass read"];
  return {
    title: "Access report for patient P-7f3a",
    reportType: "HIPAA access report (45 CFR 164.528 and 164.524)",
    scope: "Every access to the records of patient pseudonym P-7f3a9c, by any member of staff",
    period: { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-11-30T23:59:00Z") },
    issuedAt: new Date("2026-12-07T01:45:00Z"),
    issuer: "HealthLedger compliance office, St. Example Hospital",
    checkpoint: {
      origin: "healthledger.example/log",
      size: 1_234_567,
      rootHash: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    },
    witnessQuorum: { met: false, cosignatures: 1, required: 2, witnesses: ["witness-a.example", "witness-b.example"] },
    sections: [
      {
        heading: "Summary",
        blocks: [
          {
            kind: "paragraph",
            text:
              "This report lists every access to the patient's record in the period, allowed or denied, with who accessed it, " +
              "when, what and why. Names are shown as staff spell them: Greek, Cyrillic, Chinese, Japanese and Korean names " +
              "are rendered with the embedded Noto fonts. 以下は期間中のすべてのアクセスです。",
          },
        ],
      },
      {
        heading: "Accesses",
        blocks: [
          {
            kind: "table",
            caption: "Each row is one access event, oldest first; the ledger index proves it in the evidence bundle.",
            columns: [
              { header: "When (UTC)", weight: 1.5 },
              { header: "Who", weight: 1.8 },
              { header: "Role", weight: 1.1 },
              { header: "Action", weight: 1.1 },
              { header: "Purpose", weight: 2.2 },
              { header: "Ledger index", weight: 1, align: "right" },
            ],
            rows: Array.from({ length: rows }, (_, i) => [
              new Date(Date.UTC(2026, 10, 1 + (i % 30), 8 + (i % 10), (i * 7) % 60))
                .toISOString()
                .slice(0, 16)
                .replace("T", " "),
              SAMPLE_NAMES[i % SAMPLE_NAMES.length],
              i % 3 ? "Clinician" : "Nurse",
              actions[i % actions.length],
              i % 17 === 5
                ? "Emergency treatment: the patient arrived unconscious and the care team was not yet assigned; " +
                  "break-glass was declared with a written reason that a compliance officer reviewed the next day."
                : "Treatment (TREAT)",
              String(1_000_000 + i * 37),
            ]),
          },
        ],
      },
    ],
  };
}
