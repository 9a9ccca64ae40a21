"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";

export function LoginForm() {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const router = useRouter();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      otp: String(form.get("otp") ?? ""),
      redirect: false,
    });
    if (result?.ok && !result.error) {
      router.replace("/");
      router.refresh();
      return;
    }
    setPending(false);
    setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "Invalid email or password.");
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      {error && (
        <div className="alert error" role="alert">
          {error}
        </div>
      )}
      <label>
        Email
        <input name="email" type="email" autoComplete="username" required />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <label>
        Authentication code
        <input name="otp" inputMode="numeric" autoComplete="one-time-code" maxLength={7} aria-describedby="otp-hint" />
        <span id="otp-hint" className="muted" style={{ fontWeight: 400, fontSize: "0.8rem" }}>
          The 6-digit code from your authenticator app. Required for administrators and compliance officers.
        </span>
      </label>
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
