import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getPrisma } from "@/lib/db/prisma";
import { AUDIT_TYPE, recordAccessEvent } from "@/lib/access/record-access-event";
import { signIn } from "./sign-in";

/** Sessions end after 8 hours without activity; each request within that rolls the window. */
export const SESSION_IDLE_SECONDS = 8 * 60 * 60;

function header(headers: Record<string, unknown> | undefined, name: string): string | null {
  const v = headers?.[name];
  return typeof v === "string" ? v : null;
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_IDLE_SECONDS, updateAge: 5 * 60 },
  jwt: { maxAge: SESSION_IDLE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
        otp: { label: "Authentication code", type: "text" },
      },
      async authorize(credentials, req) {
        const result = await signIn(getPrisma(), credentials, {
          network: header(req.headers, "x-forwarded-for")?.split(",")[0]?.trim() ?? null,
          userAgent: header(req.headers, "user-agent"),
        });
        // next-auth passes a thrown message to the client as `error`: our message is safe to show.
        if (!result.ok) throw new Error(result.message);
        return result.user;
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
      }
      return token;
    },
    async session({ session, token }) {
      session.user = { id: token.uid, email: token.email ?? "", name: token.name ?? "", role: token.role };
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      if (!token?.uid) return;
      await recordAccessEvent(getPrisma(), {
        ...AUDIT_TYPE.userAuthentication,
        subtype: AUDIT_TYPE.userAuthentication.subtype.logout,
        action: "E",
        outcome: "0",
        actorId: token.uid,
        actorRole: token.role,
        entityWhat: `User/${token.uid}`,
      });
    },
  },
};
