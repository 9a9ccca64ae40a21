import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/auth-options";
import { refuseBadCallbackUrl } from "@/lib/http/callback-url";
import { limitSignIn } from "@/lib/http/limit-sign-in";

const handler = NextAuth(authOptions);
type TContext = { params: Promise<{ nextauth: string[] }> };

export async function GET(request: Request, context: TContext) {
  return refuseBadCallbackUrl(request) ?? handler(request, context);
}

/** Sign-in attempts are counted (and refused with 429 over the limit) before next-auth sees them. */
export async function POST(request: Request, context: TContext) {
  return refuseBadCallbackUrl(request) ?? limitSignIn(request, (r) => handler(r, context));
}
