import type { Metadata } from "next";
import { CreateUserForm } from "@/components/admin/admin-forms";
import { PageHeader } from "@/components/ui/page-header";
import { ROLE_LABEL } from "@/lib/access/permissions";
import { CREATABLE_ROLES } from "@/lib/admin/create-user";
import { requirePagePermission } from "@/lib/auth/guards";
import { createUserAction } from "../actions";

export const metadata: Metadata = { title: "Create user" };

export default async function NewUserPage() {
  await requirePagePermission("users.manage");
  const roles = Object.fromEntries(CREATABLE_ROLES.map((r) => [r, ROLE_LABEL[r]]));
  return (
    <>
      <PageHeader
        title="Create user"
        subtitle="The account starts with a one-time password, shown once. Administrators are made by a role change that a second administrator approves."
      />
      <div className="card">
        <CreateUserForm action={createUserAction} roles={roles} />
      </div>
    </>
  );
}
