// Sign a demo account in over HTTP as the login form does (next-auth's credentials callback, with
// the TOTP code for accounts enrolled in two-step sign-in) and return the session cookie, for the
// benchmarks that load pages as a signed-in user (monitor now, the load benchmark next).
import { generateTotp, totpSecretFromBase32 } from "../../lib/auth/totp";
import { DEMO_PASSWORD, demoTotpSecret } from "../../prisma/seed/demo-accounts";

/** `name=value` pairs of every Set-Cookie of a response, merged over `jar`. */
function remember(jar: Map<string, string>, res: Response) {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair.indexOf("=");
    if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
}

const header = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** The Cookie header of a signed-in session of `email` (a demo account), checked through /api/auth/session. */
export async function signInCookie(baseUrl: string, email: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  remember(jar, csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const totp = demoTotpSecret(email);
  const form = new URLSearchParams({
    csrfToken,
    email,
    password: DEMO_PASSWORD,
    otp: totp ? generateTotp({ secret: totpSecretFromBase32(totp) }) : "",
    json: "true",
  });
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header(jar) },
    body: form,
    redirect: "manual",
  });
  remember(jar, res);
  const cookie = header(jar);
  const session = (await (await fetch(`${baseUrl}/api/auth/session`, { headers: { cookie } })).json()) as {
    user?: { email?: string };
  };
  if (session.user?.email !== email) throw new Error(`sign-in as ${email} failed (HTTP ${res.status})`);
  return cookie;
}
