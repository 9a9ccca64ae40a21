import type { Role } from "@/lib/generated/prisma/enums";

// Roles that see every user's rights or every access event must sign in with a second factor.
export const MFA_REQUIRED_ROLES: readonly Role[] = ["ADMIN", "COMPLIANCE_OFFICER"];

export const MFA_ENROL_PATH = "/mfa";

/** True when the user must enrol in TOTP before using anything else. */
export function mustEnrolMfa(user: { role: Role; mfaEnabled: boolean }): boolean {
  return MFA_REQUIRED_ROLES.includes(user.role) && !user.mfaEnabled;
}
