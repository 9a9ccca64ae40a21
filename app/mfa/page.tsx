import type { Metadata } from "next";
import Link from "next/link";
import { MfaConfirmForm } from "@/components/auth/mfa-confirm-form";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { TotpQr } from "@/components/auth/totp-qr";
import { ROLE_HOME, ROLE_LABEL } from "@/lib/access/permissions";
import { requireSignedInForEnrolment } from "@/lib/auth/guards";
import { MFA_REQUIRED_ROLES } from "@/lib/auth/mfa-policy";
import { startMfaEnrolment } from "@/lib/auth/start-mfa-enrolment";
import { getPrisma } from "@/lib/db/prisma";
import { confirmMfaAction } from "./actions";

export const metadata: Metadata = { title: "Two-step sign-in" };
export const dynamic = "force-dynamic";

export default async function MfaPage() {
  const user = await requireSignedInForEnrolment();
  if (user.mfaEnabled) {
    return (
      <main className="auth-page">
        <div className="card auth-card">
          <h1>Two-step sign-in is on</h1>
          <p className="muted">Your account asks for a code from your authenticator app at every sign-in.</p>
          <Link className="button" href={ROLE_HOME[user.role]}>
            Continue
          </Link>
        </div>
      </main>
    );
  }
  const { secretBase32, uri } = await startMfaEnrolment(getPrisma(), user.id);
  const required = MFA_REQUIRED_ROLES.includes(user.role);
  return (
    <main className="auth-page">
      <div className="card auth-card" style={{ maxWidth: 520 }}>
        <div className="brand">
          <span className="brand-mark" aria-hidden /> HealthLedger
        </div>
        <h1>Set up two-step sign-in</h1>
        {required && (
          <p className="alert info" role="status">
            As {ROLE_LABEL[user.role].toLowerCase()} you must sign in with a second factor. Set it up to continue.
          </p>
        )}
        <ol className="stack" style={{ paddingLeft: "1.2rem", margin: 0 }}>
          <li>
            Scan this code with an authenticator app (any app that supports TOTP).
            <TotpQr uri={uri} />
          </li>
          <li>
            Or enter the key by hand: <code data-testid="totp-secret">{secretBase32}</code>
            <details>
              <summary className="muted">Setup link</summary>
              <code data-testid="totp-uri">{uri}</code>
            </details>
          </li>
          <li>Enter the 6-digit code the app shows.</li>
        </ol>
        <MfaConfirmForm action={confirmMfaAction} />
        <SignOutButton />
      </div>
    </main>
  );
}
