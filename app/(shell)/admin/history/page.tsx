import type { Metadata } from "next";
import { AdminHistoryTable } from "@/components/admin/admin-history-table";
import { PageHeader } from "@/components/ui/page-header";
import { listAdminActions } from "@/lib/admin/list-admin-actions";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";

export const metadata: Metadata = { title: "Admin history" };

export default async function AdminHistoryPage() {
  await requirePagePermission("users.read");
  const entries = await listAdminActions(getPrisma(), { limit: 200 });
  return (
    <>
      <PageHeader
        title="Admin history"
        subtitle="Every administrative action, newest first. Each is anchored in the ledger; the index appears once its block is sealed."
      />
      <div className="card">
        <AdminHistoryTable entries={entries} />
      </div>
    </>
  );
}
