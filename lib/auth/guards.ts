import "server-only";
import { forbidden, redirect } from "next/navigation";
import { can, type TPermission } from "@/lib/access/permissions";
import { getCurrentUser, type TCurrentUser } from "./current-user";
import { MFA_ENROL_PATH, mustEnrolMfa } from "./mfa-policy";

export const PASSWORD_CHANGE_PATH = "/password";

/**
 * For pages and server actions: redirect to /login when signed out, to MFA enrolment when the
 * role requires a second factor not yet set up, and render the 403 page on a wrong role.
 */
export async function requirePagePermission(permission: TPermission): Promise<TCurrentUser> {
  const user = await requireSignedIn();
  if (!can(user.role, permission)) forbidden();
  return user;
}

export async function requireSignedIn(): Promise<TCurrentUser> {
  const user = await requireSignedInForEnrolment();
  if (mustEnrolMfa(user)) redirect(MFA_ENROL_PATH);
  return user;
}

/** For the enrolment page itself: signed in with a password of their own, whatever the MFA state. */
export async function requireSignedInForEnrolment(): Promise<TCurrentUser> {
  const user = await requireSignedInForPasswordChange();
  if (user.mustChangePassword) redirect(PASSWORD_CHANGE_PATH);
  return user;
}

/** For the password page itself: signed in, even with a one-time password. */
export async function requireSignedInForPasswordChange(): Promise<TCurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}
