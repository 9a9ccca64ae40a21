// What an officer may send to change a case, validated at the boundary (server actions and any
// future API share it). Dates from a form's datetime-local field have no zone: they are read as UTC,
// which is what the case pages show.
import { z } from "zod";
import {
  BREACH_EXCEPTION_KEYS,
  DETERMINATIONS,
  DISCOVERY_METHODS,
  RISK_LEVELS,
  type TBreachException,
  type TDetermination,
  type TDiscoveryMethod,
} from "./case-codes";

/** Staff free text: PHI until proven otherwise, sealed under the case key; bounded. */
export const MAX_CASE_TEXT = 4000;

const ZText = (what: string) =>
  z
    .string(`${what} must be text.`)
    .trim()
    .min(1, `Write ${what.toLowerCase()}.`)
    .max(MAX_CASE_TEXT, `Keep ${what.toLowerCase()} under ${MAX_CASE_TEXT} characters.`);

const ZWhen = (what: string) =>
  z
    .string(`Give ${what}.`)
    .trim()
    .max(40, `Give ${what} as a date and time.`)
    .regex(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/,
      `Give ${what} as a date and time.`,
    )
    .transform((s) => new Date(/(Z|[+-]\d{2}:\d{2})$/.test(s) ? s : `${s}Z`))
    .refine((d) => !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 2000, `Give ${what} as a real date.`);

const ZLevel = (factor: string) => z.enum(RISK_LEVELS, { error: `Choose a level for factor ${factor}.` });

export const ZCaseChange = z.discriminatedUnion(
  "action",
  [
    z.object({
      action: z.literal("intake"),
      discoveredAt: ZWhen("the discovery date"),
      discoveredHow: z.enum(Object.keys(DISCOVERY_METHODS) as [TDiscoveryMethod, ...TDiscoveryMethod[]], {
        error: "Choose how the case was discovered.",
      }),
    }),
    z.object({ action: z.literal("assign"), ownerId: z.uuid("Choose a compliance officer.") }),
    z.object({ action: z.literal("start_investigation") }),
    z.object({
      action: z.literal("assess"),
      levels: z.object({
        nature: ZLevel("(i)"),
        recipient: ZLevel("(ii)"),
        acquired: ZLevel("(iii)"),
        mitigation: ZLevel("(iv)"),
      }),
      rationales: z.object({
        nature: ZText("The rationale for factor (i)"),
        recipient: ZText("The rationale for factor (ii)"),
        acquired: ZText("The rationale for factor (iii)"),
        mitigation: ZText("The rationale for factor (iv)"),
      }),
      exceptions: z
        .array(
          z.enum(BREACH_EXCEPTION_KEYS as [TBreachException, ...TBreachException[]], { error: "Unknown exception." }),
        )
        .max(3)
        .transform((e) => [...new Set(e)].sort()),
    }),
    z.object({
      action: z.literal("determine"),
      determination: z.enum(Object.keys(DETERMINATIONS) as [TDetermination, ...TDetermination[]], {
        error: "Choose a determination.",
      }),
      sanctionTier: z.coerce
        .number("Choose a sanction tier.")
        .int("Choose a sanction tier.")
        .min(0, "Choose a sanction tier from 0 to 4.")
        .max(4, "Choose a sanction tier from 0 to 4."),
    }),
    z.object({ action: z.literal("notify"), notifiedAt: ZWhen("the notification date") }),
    z.object({ action: z.literal("close") }),
    z.object({ action: z.literal("note"), text: ZText("The note") }),
  ],
  { error: "Choose what to do with the case." },
);
export type TCaseChangeInput = z.infer<typeof ZCaseChange>;
