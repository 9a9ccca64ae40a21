import { z } from "zod";

// What the PDF renderer draws: a title page from the metadata, then sections of paragraphs and
// tables. Report builders fill it; the renderer knows nothing about any one report. Every size is
// bounded so a report is refused with a readable message rather than exhausting the server.

const ZLine = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(s), "must not contain control characters");

export const ZReportTable = z.object({
  kind: z.literal("table"),
  caption: ZLine(300).optional(),
  columns: z
    .array(
      z.object({
        header: ZLine(120).min(1),
        /** Relative width (default 1); widths are shared out in proportion. */
        weight: z.number().positive().max(20).default(1),
        align: z.enum(["left", "right"]).default("left"),
      }),
    )
    .min(1)
    .max(12),
  rows: z.array(z.array(ZLine(4000))).max(200_000),
});

export const ZReportParagraph = z.object({ kind: z.literal("paragraph"), text: ZLine(20_000) });

export const ZReportSection = z.object({
  heading: ZLine(200).min(1),
  blocks: z.array(z.discriminatedUnion("kind", [ZReportParagraph, ZReportTable])).max(200),
});

export const ZReportDocument = z
  .object({
    title: ZLine(200).min(1),
    /** E.g. "HIPAA accounting of disclosures (45 CFR 164.528)". */
    reportType: ZLine(200).min(1),
    /** Whose or what data the report covers, in words (pseudonyms, never a patient's name unless the report is for them). */
    scope: ZLine(500).min(1),
    period: z
      .object({ from: z.date(), to: z.date() })
      .refine((p) => p.from <= p.to, "period.from must not be after period.to"),
    issuedAt: z.date(),
    issuer: ZLine(300).min(1),
    checkpoint: z.object({
      origin: ZLine(200).min(1),
      size: z.number().int().nonnegative(),
      rootHash: z.string().regex(/^(?:[0-9a-f]{64}|[A-Za-z0-9+/]{43}=)$/, "must be a SHA-256 in hex or base64"),
    }),
    /** Whether the checkpoint met the witness policy's quorum, as the caller established it. */
    witnessQuorum: z.object({
      met: z.boolean(),
      cosignatures: z.number().int().nonnegative(),
      required: z.number().int().nonnegative(),
      witnesses: z.array(ZLine(200)).max(50).default([]),
    }),
    sections: z.array(ZReportSection).max(100),
  })
  .superRefine((doc, ctx) => {
    doc.sections.forEach((section, s) =>
      section.blocks.forEach((block, b) => {
        if (block.kind !== "table") return;
        const bad = block.rows.findIndex((row) => row.length !== block.columns.length);
        if (bad >= 0)
          ctx.addIssue({
            code: "custom",
            path: ["sections", s, "blocks", b, "rows", bad],
            message: `row has ${block.rows[bad].length} cells, the table ${block.columns.length} columns`,
          });
      }),
    );
  });

export type TReportDocument = z.infer<typeof ZReportDocument>;
export type TReportDocumentInput = z.input<typeof ZReportDocument>;
export type TReportTable = z.infer<typeof ZReportTable>;
