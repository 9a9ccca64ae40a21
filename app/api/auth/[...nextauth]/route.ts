import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/auth-options";
import { limitSignIn } from "@/lib/http/limit-sign-in";

const handler = NextAuth(authOptions);

export { handler as GET };

/** Sign-in attempts are counted (and refused with 429 over the limit) before next-auth sees them. */
export async function POST(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return limitSignIn(request, (r) => handler(r, context));
}
