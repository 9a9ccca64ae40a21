import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { ROLE_LABEL } from "@/lib/access/permissions";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";

export const metadata: Metadata = { title: "Users" };

export default async function AdminPage() {
  await requirePagePermission("users.read");
  const users = await getPrisma().user.findMany({
    where: { role: { not: "PATIENT" } },
    orderBy: [{ role: "asc" }, { displayName: "asc" }],
    select: { id: true, displayName: true, email: true, role: true, department: true, disabled: true, lockedUntil: true },
  });
  const now = new Date();
  return (
    <>
      <PageHeader title="Users and roles" subtitle={`${users.length} staff accounts. Patient portal accounts are not listed.`} />
      <div className="card">
        <table>
          <thead>
            <tr><th>Name</th><th>Email</th><th>Role</th><th>Department</th><th>Status</th></tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.displayName}</td>
                <td className="mono">{u.email}</td>
                <td>{ROLE_LABEL[u.role]}</td>
                <td>{u.department ?? "—"}</td>
                <td>
                  {u.disabled ? <span className="badge bad">disabled</span>
                    : u.lockedUntil && u.lockedUntil > now ? <span className="badge warn">locked</span>
                    : <span className="badge ok">active</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
