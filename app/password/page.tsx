import type { Metadata } from "next";
import { PasswordChangeForm } from "@/components/auth/password-change-form";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/change-own-password";
import { requireSignedInForPasswordChange } from "@/lib/auth/guards";
import { changePasswordAction } from "./actions";

export const metadata: Metadata = { title: "Choose a password" };
export const dynamic = "force-dynamic";

export default async function PasswordPage() {
  const user = await requireSignedInForPasswordChange();
  return (
    <main className="auth-page">
      <div className="card auth-card">
        <div className="brand">
          <span className="brand-mark" aria-hidden /> HealthLedger
        </div>
        <h1>{user.mustChangePassword ? "Choose your own password" : "Change your password"}</h1>
        {user.mustChangePassword && (
          <p className="alert info" role="status">
            You signed in with a one-time password from an administrator. Choose a password only you know to continue.
          </p>
        )}
        <p className="muted" style={{ margin: 0 }}>
          At least {MIN_PASSWORD_LENGTH} characters; a phrase of several words is easier to remember. Afterwards you
          sign in again with the new password, and any other session of your account ends.
        </p>
        <PasswordChangeForm action={changePasswordAction} />
        <SignOutButton />
      </div>
    </main>
  );
}
