// The rule set: every threshold in one configuration object, validated by zod, identified by the
// SHA-256 of its RFC 8785 canonical JSON together with the rule ids and their doc lines — the
// hash recorded on every alert, as POLICY_VERSION is on every access event. Changing a threshold
// changes the hash; so does changing what a rule does (its doc line must change with it).
// Changing this format changes every stored hash: add fields with defaults, never rename.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { z } from "zod";
import { canonicalJson } from "@/lib/ledger/kinds/canonical-json";
import { FIXED_CLOCK_RULES, ZClockRule } from "../cases/case-clocks";
import { RULE_DOCS } from "./rule-docs";

const ZSeverity = z.enum(["low", "medium", "high", "critical"]);
const base = { enabled: z.boolean(), severity: ZSeverity };
const count = (max: number) => z.number().int().min(1).max(max);
const minutes = z
  .number()
  .int()
  .min(1)
  .max(24 * 60);

export const ZRuleSetConfig = z
  .object({
    selfAccess: z.object(base).strict(),
    sameLastName: z.object(base).strict(),
    sameAddress: z.object(base).strict(),
    contactName: z.object(base).strict(),
    coWorker: z.object(base).strict(),
    vip: z.object(base).strict(),
    deceased: z.object({ ...base, graceDays: z.number().int().min(0).max(365) }).strict(),
    accountStatus: z
      .object({ ...base, dormantSeverity: ZSeverity, dormantDays: z.number().int().min(1).max(3650) })
      .strict(),
    afterHours: z
      .object({
        ...base,
        /** Fires only if the actor had at most this many events in this hour-of-week over the baseline… */
        maxOwnCount: z.number().int().min(0).max(10_000),
        /** …and the department at most this many. */
        maxDepartmentCount: z.number().int().min(0).max(1_000_000),
      })
      .strict(),
    volume: z
      .object({
        ...base,
        /** Robust z-score (Iglewicz & Hoaglin modified z, 0.6745·(x − median)/MAD) at or above which a day is unusual. */
        minRobustZ: z.number().min(1).max(100),
        /** Below this many distinct patients in a day nothing is unusual, whatever the baseline. */
        minDistinctPatients: count(100_000),
        /** Days of baseline needed before the actor's own baseline is used. */
        minBaselineDays: count(365),
      })
      .strict(),
    repeatedDenials: z.object({ ...base, minDenials: count(10_000), windowMinutes: minutes }).strict(),
    rapidBrowsing: z.object({ ...base, minPatients: count(10_000), windowMinutes: minutes }).strict(),
    breakGlassEscalation: z
      .object({
        ...base,
        /** The actor's break-glass rate over this multiple of its peers' rate is unusual… */
        peerRateMultiple: z.number().min(1).max(1000),
        /** …once it is at least this many per day. */
        minPerDay: z.number().min(0).max(1000),
      })
      .strict(),
    careTeamAddThenOpen: z.object({ ...base, windowSeconds: z.number().int().min(1).max(86_400) }).strict(),
    departmentMismatch: z.object(base).strict(),
    bulkExport: z.object({ ...base, minPatients: count(1_000_000), windowMinutes: minutes }).strict(),
    /**
     * Privacy cases' notification clocks besides HIPAA's and GDPR's (a state's, a contract's);
     * absent: California's (DEFAULT_OTHER_CLOCKS). Absent in every rule set before it existed, so
     * their hashes stand.
     */
    otherClocks: z
      .array(ZClockRule)
      .max(8)
      .superRefine((clocks, ctx) => {
        const fixed = new Set(FIXED_CLOCK_RULES.map((c) => c.id));
        clocks.forEach((c, i) => {
          if (fixed.has(c.id) || clocks.findIndex((o) => o.id === c.id) !== i)
            ctx.addIssue({ code: "custom", path: [i, "id"], message: `clock id "${c.id}" is already taken` });
        });
      })
      .optional(),
  })
  .strict();
export type TRuleSetConfig = z.infer<typeof ZRuleSetConfig>;

export { ruleSettings, type TRuleKey } from "./rule-keys";

/** The thresholds the system starts with (docs/monitoring-rules.md gives the reasons). */
export const DEFAULT_RULE_SET_CONFIG: TRuleSetConfig = {
  selfAccess: { enabled: true, severity: "high" },
  sameLastName: { enabled: true, severity: "medium" },
  sameAddress: { enabled: true, severity: "high" },
  contactName: { enabled: true, severity: "medium" },
  coWorker: { enabled: true, severity: "medium" },
  vip: { enabled: true, severity: "high" },
  deceased: { enabled: true, severity: "medium", graceDays: 30 },
  accountStatus: { enabled: true, severity: "high", dormantSeverity: "medium", dormantDays: 90 },
  afterHours: { enabled: true, severity: "low", maxOwnCount: 1, maxDepartmentCount: 5 },
  volume: { enabled: true, severity: "medium", minRobustZ: 3.5, minDistinctPatients: 20, minBaselineDays: 7 },
  repeatedDenials: { enabled: true, severity: "medium", minDenials: 5, windowMinutes: 15 },
  rapidBrowsing: { enabled: true, severity: "medium", minPatients: 10, windowMinutes: 10 },
  breakGlassEscalation: { enabled: true, severity: "high", peerRateMultiple: 3, minPerDay: 0.5 },
  careTeamAddThenOpen: { enabled: true, severity: "medium", windowSeconds: 120 },
  departmentMismatch: { enabled: true, severity: "low" },
  bulkExport: { enabled: true, severity: "high", minPatients: 50, windowMinutes: 60 },
};

export type TRuleSet = { config: TRuleSetConfig; hash: string };

/** Hex SHA-256 of the canonical rule set: the format name, every rule's doc line and the thresholds. */
export function ruleSetHash(config: TRuleSetConfig): string {
  const canonical = canonicalJson({ ruleSet: "healthledger-monitor/v1", rules: RULE_DOCS, config });
  return bytesToHex(sha256(utf8ToBytes(canonical)));
}

/** Validate a configuration (zod; throws ZodError) and pair it with its hash. */
export function buildRuleSet(config: unknown): TRuleSet {
  const parsed = ZRuleSetConfig.parse(config);
  return { config: parsed, hash: ruleSetHash(parsed) };
}

export const DEFAULT_RULE_SET: TRuleSet = buildRuleSet(DEFAULT_RULE_SET_CONFIG);

/** How far before the first new event the evaluator must supply lookback events. */
export function lookbackMs(config: TRuleSetConfig): number {
  const windows = [
    config.repeatedDenials.windowMinutes * 60_000,
    config.rapidBrowsing.windowMinutes * 60_000,
    config.bulkExport.windowMinutes * 60_000,
    config.careTeamAddThenOpen.windowSeconds * 1000,
    // A break-glass lasts 60 minutes (lib/access/break-glass): its whole window is checked for writes.
    60 * 60_000,
  ];
  return Math.max(...windows);
}
