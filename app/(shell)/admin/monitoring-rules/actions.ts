"use server";

import { revalidatePath } from "next/cache";
import { ZodError } from "zod";
import { RULE_FIELD_LABELS } from "@/components/monitor/rule-field-labels";
import { activateRuleSet } from "@/lib/admin/activate-rule-set";
import {
  CLOCK_FIELDS,
  clockFieldName,
  MAX_CLOCK_ROWS,
  ruleIdOf,
  ruleSetFields,
  ruleSetFromForm,
} from "@/lib/admin/rule-set-form";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { formFailure, type TFormState } from "@/lib/http/form-state";
import { loadActiveRuleSet } from "@/lib/monitor/load-rule-set";
import { buildRuleSet } from "@/lib/monitor/rules/rule-set";

/** "volume: Robust z-score at least: Too small…" for each problem, so the admin finds the field. */
function describeProblems(error: ZodError): string {
  return error.issues
    .map((i) => {
      const [rule, field] = i.path.map(String);
      if (rule === "otherClocks")
        return `Notification clock ${Number(field) + 1}${i.path[2] ? `: ${String(i.path[2])}` : ""}: ${i.message}.`;
      const where = rule ? `${ruleIdOf(rule)}${field ? `: ${RULE_FIELD_LABELS[field] ?? field}` : ""}` : "rule set";
      return `${where}: ${i.message}.`;
    })
    .join(" ");
}

export async function activateRuleSetAction(_prev: TFormState, form: FormData): Promise<TFormState> {
  const actor = await requirePagePermission("rules.manage");
  const prisma = getPrisma();
  const active = await loadActiveRuleSet(prisma);
  // What was typed, for the fields the form has only (kept to show it again after a refusal).
  const values: Record<string, string> = {};
  for (const f of ruleSetFields(active.config)) {
    const v = form.get(f.name);
    if (typeof v === "string") values[f.name] = v.slice(0, 32);
  }
  for (let row = 0; row < MAX_CLOCK_ROWS; row++)
    for (const field of [...CLOCK_FIELDS, "remove"] as const) {
      const v = form.get(clockFieldName(row, field));
      if (typeof v === "string") values[clockFieldName(row, field)] = v.slice(0, 80);
    }
  try {
    const config = ruleSetFromForm(form, active.config);
    if (buildRuleSet(config).hash === active.hash)
      return { ok: false, message: `Nothing was changed: version ${active.version} stays in force.`, values };
    const { version, hash } = await activateRuleSet(prisma, { actorId: actor.id, config });
    revalidatePath("/", "layout");
    return { ok: true, message: `Version ${version} is in force (hash ${hash.slice(0, 16)}…); new alerts record it.` };
  } catch (error) {
    if (error instanceof ZodError)
      return { ok: false, message: `Nothing was activated. ${describeProblems(error)}`, values };
    return formFailure(error, { values });
  }
}
