import type { Role } from "@/lib/generated/prisma/enums";

// Which resets one admin may apply alone. A new password (or a removed second factor) is how an
// admin would take over an account; for an account that sees patient data (or administers
// others) that takes a second admin. An auditor sees aggregates and signed evidence only, so its
// password reset applies at once; an MFA reset always waits, like a grant of ADMIN.

export const PASSWORD_RESET_NEEDS_APPROVAL: readonly Role[] = ["CLINICIAN", "COMPLIANCE_OFFICER", "PATIENT", "ADMIN"];

export function passwordResetNeedsApproval(role: Role): boolean {
  return PASSWORD_RESET_NEEDS_APPROVAL.includes(role);
}
