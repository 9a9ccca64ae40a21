import type { Role } from "../../lib/generated/prisma/enums";

/** One sign-in per role, listed in the README. Demo only: never seed these in production. */
export const DEMO_PASSWORD = "HealthLedger-demo-2026";

export const DEMO_ACCOUNTS: { email: string; displayName: string; role: Role; department: string | null }[] = [
  { email: "admin@healthledger.test", displayName: "Avery Admin", role: "ADMIN", department: "Information Technology" },
  { email: "compliance@healthledger.test", displayName: "Casey Compliance", role: "COMPLIANCE_OFFICER", department: "Privacy Office" },
  { email: "clinician@healthledger.test", displayName: "Dr. Jordan Reyes", role: "CLINICIAN", department: "Internal Medicine" },
  { email: "auditor@healthledger.test", displayName: "Riley Regulator", role: "AUDITOR", department: null },
  { email: "patient@healthledger.test", displayName: "Patient portal", role: "PATIENT", department: null },
];
