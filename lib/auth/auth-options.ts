import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { serverEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/prisma";
import { clientAddress } from "@/lib/net/client-address";
import { AUDIT_TYPE, recordAccessEvent } from "@/lib/access/record-access-event";
import { authCookies, isHttpsUrl } from "./auth-cookies";
import { END_SESSIONS, SESSION_IDLE_SECONDS } from "./session-validity";
import { signIn } from "./sign-in";

function header(headers: Record<string, unknown> | undefined, name: string): string | null {
  const v = headers?.[name];
  return typeof v === "string" ? v : null;
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_IDLE_SECONDS, updateAge: 5 * 60 },
  jwt: { maxAge: SESSION_IDLE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  // Getters: next-auth reads them at each request, once the server's environment is validated;
  // `next build` imports this module without it.
  get useSecureCookies() {
    return isHttpsUrl(serverEnv().NEXTAUTH_URL);
  },
  get cookies() {
    return authCookies(serverEnv().NEXTAUTH_URL);
  },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
        otp: { label: "Authentication code", type: "text" },
      },
      async authorize(credentials, req) {
        const headers = { get: (name: string) => header(req.headers, name) };
        const result = await signIn(getPrisma(), credentials, {
          network: clientAddress(headers),
          userAgent: header(req.headers, "user-agent")?.slice(0, 300) ?? null,
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
        token.sv = user.sessionVersion;
        token.authAt = Date.now();
      }
      return token;
    },
    async session({ session, token }) {
      session.user = { id: token.uid, email: token.email ?? "", name: token.name ?? "", role: token.role };
      session.claims = { sessionVersion: token.sv, authenticatedAt: token.authAt };
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      if (!token?.uid) return;
      // Signing out ends the session on the server too: a copy of the cookie is worth nothing after.
      // Only a current session may do so, so replaying an old cookie to /signout changes nothing.
      await getPrisma().user.updateMany({ where: { id: token.uid, sessionVersion: token.sv }, data: END_SESSIONS });
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
