import { z } from "zod";

// What HIPAA 45 CFR 164.528(b)(2) requires in each accounting entry: the date, the recipient's
// name and (if known) address, a brief description of the PHI disclosed, and a brief statement
// of the purpose or a copy of the written request; plus the legal basis it was made under.

/** Codes are stored and anchored: never rename one, add new ones instead. */
export const LEGAL_BASES = {
  required_by_law: "Required by law (164.512(a))",
  public_health: "Public health activities (164.512(b))",
  abuse_neglect: "Abuse, neglect or domestic violence (164.512(c))",
  health_oversight: "Health oversight (164.512(d))",
  judicial: "Judicial or administrative proceeding (164.512(e))",
  law_enforcement: "Law enforcement (164.512(f))",
  decedents: "Coroners, medical examiners, funeral directors (164.512(g))",
  organ_donation: "Organ, eye or tissue donation (164.512(h))",
  research: "Research under a waiver (164.512(i))",
  serious_threat: "Serious threat to health or safety (164.512(j))",
  government_functions: "Specialized government functions (164.512(k))",
  workers_compensation: "Workers' compensation (164.512(l))",
  impermissible: "Impermissible disclosure (not permitted by the Privacy Rule)",
  // Disclosures 164.528(a)(1) leaves out of the accounting. The register may record them (many
  // organisations log every disclosure); the accounting report names them and leaves them out.
  tpo: "Treatment, payment or health care operations (164.506; not accounted)",
  to_individual: "To the individual or their personal representative (164.502; not accounted)",
  incidental: "Incident to a permitted use or disclosure (164.502(a)(1)(iii); not accounted)",
  authorization: "Under the individual's authorization (164.508; not accounted)",
  facility_directory: "Facility directory (164.510(a); not accounted)",
  involved_in_care: "Persons involved in the individual's care, or notification (164.510(b); not accounted)",
  national_security: "National security or intelligence (164.512(k)(2); not accounted)",
  correctional: "Correctional institution or law enforcement custody (164.512(k)(5); not accounted)",
  limited_data_set: "Limited data set under a data use agreement (164.514(e); not accounted)",
} as const;
export type TLegalBasis = keyof typeof LEGAL_BASES;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const text = (max: number, what: string) => z.string().trim().max(max, `${what} must be at most ${max} characters.`);

export const ZDisclosureInput = z
  .object({
    disclosedAt: z
      .string({ error: "Enter the date of the disclosure." })
      .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date of the disclosure as YYYY-MM-DD.")
      .transform((v) => new Date(`${v}T00:00:00Z`))
      .refine((d) => !Number.isNaN(d.getTime()), "That date does not exist.")
      .refine((d) => d.getTime() <= Date.now(), "The date of a disclosure cannot be in the future."),
    recipientName: text(200, "The recipient's name").min(2, "Enter the recipient's name."),
    recipientAddress: z.preprocess(blankToUndefined, text(500, "The recipient's address").optional()),
    description: text(2000, "The description").min(3, "Describe the PHI that was disclosed."),
    purpose: z.preprocess(blankToUndefined, text(2000, "The purpose").optional()),
    requestCopy: z.preprocess(blankToUndefined, text(10_000, "The copy of the request").optional()),
    legalBasis: z.enum(Object.keys(LEGAL_BASES) as [TLegalBasis, ...TLegalBasis[]], {
      error: "Choose the legal basis of the disclosure.",
    }),
  })
  // `when`: checked even when other fields failed, so the form lists every problem at once.
  .refine((d) => !!(d.purpose || d.requestCopy), {
    message: "State the purpose of the disclosure or paste a copy of the written request.",
    path: ["purpose"],
    when: () => true,
  });
export type TDisclosureInput = z.infer<typeof ZDisclosureInput>;

/** The encrypted part of an entry: it may reveal the patient's conditions. */
export type TDisclosureContent = { description: string; purpose: string | null; requestCopy: string | null };

/** Who received it (sealed too from leaf v2 on: a recipient can reveal a diagnosis). */
export type TDisclosureRecipient = { name: string; address: string };
