import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ButtonForm, ChangeRoleForm } from "@/components/admin/admin-forms";
import { AdminHistoryTable } from "@/components/admin/admin-history-table";
import { RolePermissions } from "@/components/admin/role-permissions";
import { STAFF_ROLE_LABELS } from "@/components/admin/role-labels";
import { PageHeader } from "@/components/ui/page-header";
import { ROLE_LABEL } from "@/lib/access/permissions";
import { listAdminActions } from "@/lib/admin/list-admin-actions";
import { listUsers } from "@/lib/admin/list-users";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { passwordResetNeedsApproval } from "@/lib/admin/account-reset-policy";
import { requestMfaResetAction, requestRoleChangeAction, resetPasswordAction, setDisabledAction } from "../../actions";

export const metadata: Metadata = { title: "User" };

export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePagePermission("users.read");
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const user = await getPrisma().user.findUnique({ where: { id: id.data } });
  if (!user || user.role === "PATIENT") notFound();
  const [listed] = await listUsers(getPrisma(), { q: user.email });
  const history = await listAdminActions(getPrisma(), { targetUserId: user.id, limit: 50 });
  const self = user.id === me.id;
  return (
    <>
      <PageHeader title={user.displayName} subtitle={user.email} />
      <div className="grid two">
        <section className="card stack" aria-label="Account">
          <dl className="facts">
            <dt>Role</dt>
            <dd>
              {ROLE_LABEL[user.role]}
              {listed?.pendingRoleChange && (
                <>
                  {" "}
                  <span className="badge warn">→ {ROLE_LABEL[listed.pendingRoleChange.toRole]} pending approval</span>
                </>
              )}
            </dd>
            <dt>Department</dt>
            <dd>{user.department ?? "—"}</dd>
            <dt>Status</dt>
            <dd>{listed?.status ?? (user.disabled ? "disabled" : "active")}</dd>
            <dt>Two-step sign-in</dt>
            <dd>{user.mfaEnabledAt ? `on since ${user.mfaEnabledAt.toISOString().slice(0, 10)}` : "off"}</dd>
          </dl>
        </section>
        <section className="card stack" aria-label="Manage">
          {self ? (
            <p className="muted">
              You cannot change your own role or disable your own account: ask another administrator.
            </p>
          ) : (
            <>
              <ChangeRoleForm
                action={requestRoleChangeAction.bind(null, user.id)}
                roles={STAFF_ROLE_LABELS}
                current={user.role}
              />
              <ButtonForm
                ariaLabel={user.disabled ? "Enable account" : "Disable account"}
                action={setDisabledAction.bind(null, user.id)}
                name="disabled"
                value={user.disabled ? "false" : "true"}
                label={user.disabled ? "Enable account" : "Disable account"}
                danger={!user.disabled}
              />
            </>
          )}
          <ButtonForm
            ariaLabel="Reset password"
            action={resetPasswordAction.bind(null, user.id)}
            label={passwordResetNeedsApproval(user.role) ? "Request password reset" : "Reset password"}
          />
          {user.mfaEnabledAt && (
            <ButtonForm
              ariaLabel="Reset two-step sign-in"
              action={requestMfaResetAction.bind(null, user.id)}
              label="Request reset of two-step sign-in"
            />
          )}
          <p className="muted" style={{ margin: 0 }}>
            A new password for an account that sees patient data, and any reset of two-step sign-in, applies only when
            another administrator approves it.
          </p>
        </section>
      </div>
      <RolePermissions role={user.role} />
      <h2>History of this account</h2>
      <div className="card">
        <AdminHistoryTable entries={history} />
      </div>
    </>
  );
}
