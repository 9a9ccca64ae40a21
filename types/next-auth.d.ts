import type { Role } from "@/lib/generated/prisma/enums";

declare module "next-auth" {
  interface User {
    id: string;
    role: Role;
    sessionVersion: number;
  }
  interface Session {
    user: { id: string; email: string; name: string; role: Role };
    /** Checked against the user's row at every request (lib/auth/session-validity.ts). */
    claims: { sessionVersion?: number; authenticatedAt?: number };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid: string;
    role: Role;
    /** The user's session version at sign-in. */
    sv?: number;
    /** Sign-in time, ms since the epoch: the absolute session lifetime counts from it. */
    authAt?: number;
  }
}
