import type { Role } from "../../lib/generated/prisma/enums";

/** One sign-in per role, listed in the README. Demo only: never seed these in production. */
export const DEMO_PASSWORD = "HealthLedger-demo-2026";

/**
 * Fixed TOTP secrets (base32, RFC 6238 SHA-1/6 digits/30 s) for the roles that must use a second
 * factor, so a reviewer can add them to any authenticator app. Public: demo only.
 */
export const DEMO_TOTP_SECRETS = {
  "admin@healthledger.test": "HEALTHLEDGERDEMOADMINXXXXXXXXXXX",
  "admin2@healthledger.test": "HEALTHLEDGERDEMOADMINTWOXXXXXXXX",
  "compliance@healthledger.test": "HEALTHLEDGERDEMOCOMPLIANCEXXXXXX",
  "compliance2@healthledger.test": "HEALTHLEDGERDEMOCOMPLIANCETWOXXX",
} as const satisfies Record<string, string>;

export type TDemoAccount = { email: string; displayName: string; role: Role; department: string | null };

export const DEMO_ACCOUNTS: TDemoAccount[] = [
  { email: "admin@healthledger.test", displayName: "Avery Admin", role: "ADMIN", department: "Information Technology" },
  {
    email: "compliance@healthledger.test",
    displayName: "Casey Compliance",
    role: "COMPLIANCE_OFFICER",
    department: "Privacy Office",
  },
  {
    email: "clinician@healthledger.test",
    displayName: "Dr. Jordan Reyes",
    role: "CLINICIAN",
    department: "Internal Medicine",
  },
  { email: "auditor@healthledger.test", displayName: "Riley Regulator", role: "AUDITOR", department: null },
  { email: "patient@healthledger.test", displayName: "Patient portal", role: "PATIENT", department: null },
  // A second administrator: granting ADMIN needs one admin to request and another to approve.
  {
    email: "admin2@healthledger.test",
    displayName: "Morgan Admin",
    role: "ADMIN",
    department: "Information Technology",
  },
  // A second compliance officer: an erasure is filed by one officer and decided by another.
  {
    email: "compliance2@healthledger.test",
    displayName: "Sam Compliance",
    role: "COMPLIANCE_OFFICER",
    department: "Privacy Office",
  },
];

export function demoTotpSecret(email: string): string | null {
  return (DEMO_TOTP_SECRETS as Record<string, string>)[email] ?? null;
}
