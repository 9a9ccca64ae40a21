import type { Metadata } from "next";
import Link from "next/link";
import { RuleBlindSpots, RuleSetVersions } from "@/components/monitor/rule-set-versions";
import { RuleSetTable } from "@/components/monitor/rule-set-table";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { listRuleSetVersions } from "@/lib/monitor/list-rule-sets";
import { loadActiveRuleSet } from "@/lib/monitor/load-rule-set";

export const metadata: Metadata = { title: "Monitoring rules" };

// Read-only for the privacy office: the people whose accesses the rules watch include the
// administrators who change them, so a change is anchored and shown here with who made it.
export default async function MonitoringRulesPage() {
  await requirePagePermission("dashboard.read");
  const prisma = getPrisma();
  const [active, versions] = await Promise.all([loadActiveRuleSet(prisma), listRuleSetVersions(prisma)]);
  return (
    <>
      <PageHeader
        title="Monitoring rules"
        subtitle="The rules that raise privacy alerts from the sealed access log, allowed and denied attempts alike. Administrators change the thresholds; every change is a new anchored version."
      />
      <p>
        <Link href="/dashboard">← Dashboard</Link>
      </p>
      <section className="card">
        <h2>
          In force: version {active.version}
          {active.version === 0 ? " (built-in thresholds)" : ""}
        </h2>
        <p className="muted">
          Hash <code className="mono break">{active.hash}</code>, recorded on every alert raised under this version.
        </p>
        <RuleSetTable config={active.config} />
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
