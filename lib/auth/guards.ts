import "server-only";
import { forbidden, redirect } from "next/navigation";
import { can, type TPermission } from "@/lib/access/permissions";
import { getCurrentUser, type TCurrentUser } from "./current-user";

/** For pages: redirect to /login when signed out, render the 403 page on a wrong role. */
export async function requirePagePermission(permission: TPermission): Promise<TCurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (!can(user.role, permission)) forbidden();
  return user;
}

export async function requireSignedIn(): Promise<TCurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}
