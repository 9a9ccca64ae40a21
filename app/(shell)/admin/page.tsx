import type { Metadata } from "next";
import Link from "next/link";
import { DecideRoleChangeForm } from "@/components/admin/admin-forms";
import { STAFF_ROLE_LABELS } from "@/components/admin/role-labels";
import { PageHeader } from "@/components/ui/page-header";
import { ROLE_LABEL } from "@/lib/access/permissions";
import { listPendingAccountResets } from "@/lib/admin/list-pending-account-resets";
import { listPendingRoleChanges } from "@/lib/admin/list-pending-role-changes";
import { listUsers, ZUserFilter } from "@/lib/admin/list-users";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { decideAccountResetAction, decideRoleChangeAction } from "./actions";

const RESET_LABEL = { PASSWORD: "new one-time password", MFA: "reset of two-step sign-in" } as const;

export const metadata: Metadata = { title: "Users" };

export default async function AdminPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const me = await requirePagePermission("users.read");
  const filter = ZUserFilter.parse(await searchParams);
  const [users, pending, resets] = await Promise.all([
    listUsers(getPrisma(), filter),
    listPendingRoleChanges(getPrisma()),
    listPendingAccountResets(getPrisma()),
  ]);
  return (
    <>
      <PageHeader
        title="Users and roles"
        subtitle={`${users.length} staff accounts shown. Patient portal accounts are not listed.`}
      />
      {pending.length + resets.length > 0 && (
        <section className="card stack" aria-label="Pending approvals" style={{ marginBottom: "1rem" }}>
          <h2 style={{ margin: 0 }}>Waiting for a second administrator</h2>
          {pending.map((p) => (
            <div key={p.id} className="row">
              <span>
                <strong>{p.target?.displayName}</strong> ({p.target?.email}): {ROLE_LABEL[p.fromRole]} →{" "}
                {ROLE_LABEL[p.toRole]}, requested by {p.requestedBy?.displayName} on{" "}
                {p.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC
              </span>
              <DecideRoleChangeForm
                action={decideRoleChangeAction.bind(null, p.id)}
                canApprove={p.requestedById !== me.id}
              />
            </div>
          ))}
          {resets.map((r) => (
            <div key={r.id} className="row">
              <span>
                <strong>{r.target?.displayName}</strong> ({r.target?.email},{" "}
                {r.target ? ROLE_LABEL[r.target.role] : "?"}
                ): {RESET_LABEL[r.kind]}, requested by {r.requestedBy?.displayName} on{" "}
                {r.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC
              </span>
              <DecideRoleChangeForm
                ariaLabel="Decide account reset"
                action={decideAccountResetAction.bind(null, r.id)}
                canApprove={r.requestedById !== me.id && r.target?.id !== me.id}
              />
            </div>
          ))}
        </section>
      )}
      <form className="form-row" role="search" aria-label="Filter users" style={{ marginBottom: "1rem" }}>
        <label>
          Search
          <input name="q" defaultValue={filter.q ?? ""} placeholder="Name or email" />
        </label>
        <label>
          Role
          <select name="role" defaultValue={filter.role ?? ""}>
            <option value="">All roles</option>
            {Object.entries(STAFF_ROLE_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select name="status" defaultValue={filter.status ?? ""}>
            <option value="">Any status</option>
            <option value="active">Active</option>
            <option value="locked">Locked</option>
            <option value="disabled">Disabled</option>
          </select>
        </label>
        <button className="button" type="submit">
          Filter
        </button>
      </form>
      <div className="card">
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Role</th>
              <th>Department</th>
              <th>MFA</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>
                  <Link href={`/admin/users/${u.id}`}>{u.displayName}</Link>
                </td>
                <td className="mono">{u.email}</td>
                <td>
                  {ROLE_LABEL[u.role]}
                  {u.pendingRoleChange && (
                    <>
                      {" "}
                      <span className="badge warn">→ {ROLE_LABEL[u.pendingRoleChange.toRole]} pending</span>
                    </>
                  )}
                </td>
                <td>{u.department ?? "—"}</td>
                <td>{u.mfaEnabledAt ? <span className="badge ok">on</span> : <span className="badge">off</span>}</td>
                <td>
                  <span className={`badge ${u.status === "active" ? "ok" : u.status === "locked" ? "warn" : "bad"}`}>
                    {u.status}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
