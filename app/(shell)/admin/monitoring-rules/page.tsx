import type { Metadata } from "next";
import { RuleSetForm } from "@/components/admin/rule-set-form";
import { RuleBlindSpots, RuleSetVersions } from "@/components/monitor/rule-set-versions";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { listRuleSetVersions } from "@/lib/monitor/list-rule-sets";
import { loadActiveRuleSet } from "@/lib/monitor/load-rule-set";
import { activateRuleSetAction } from "./actions";

export const metadata: Metadata = { title: "Monitoring rules" };

export default async function MonitoringRulesAdminPage() {
  await requirePagePermission("rules.manage");
  const prisma = getPrisma();
  const [active, versions] = await Promise.all([loadActiveRuleSet(prisma), listRuleSetVersions(prisma)]);
  return (
    <>
      <PageHeader
        title="Monitoring rules"
        subtitle={`Version ${active.version}${active.version === 0 ? " (built-in thresholds)" : ""} is in force. A change is activated as a new version: anchored in the ledger, recorded in the admin history, and its hash is recorded on every alert raised after it. Earlier alerts keep the version they were raised under.`}
      />
      <section className="card">
        <h2>Thresholds</h2>
        <RuleSetForm action={activateRuleSetAction} config={active.config} />
      </section>
      <section className="card section">
        <h2>What the rules cannot see</h2>
        <RuleBlindSpots />
      </section>
      <section className="card section">
        <h2>Versions</h2>
        <RuleSetVersions versions={versions} />
      </section>
    </>
  );
}
