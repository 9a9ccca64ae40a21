"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button className="button ghost" type="button" onClick={() => signOut({ callbackUrl: "/login" })}>
      Sign out
    </button>
  );
}
