// The start-up warning when the app's database role can do more than it should: the single-role
// fallback (no HL_DATABASE_OWNER_URL), or an app role that is a superuser, owns tables, or is a
// member of the owner. The app still starts (refusing would take a working deployment down);
// docs/database-roles.md says how to fix it.
import pg from "pg";
import { poolConfigFromUrl } from "../pool-config";
import { appRoleProblems } from "./ensure-roles";

export async function warnAboutAppRole(
  o: { appUrl: string; ownerUrl: string; singleRole: boolean },
  warn: (message: string) => void,
): Promise<string[]> {
  const appRole = poolConfigFromUrl(o.appUrl).user;
  const problems: string[] = [];
  if (o.singleRole) {
    problems.push(
      `the app connects as the schema's owner (${appRole}; HL_DATABASE_OWNER_URL is unset), so it can alter or ` +
        "disable the append-only triggers and rewrite history. Give it a role of its own: npm run db:roles.",
    );
  } else {
    const client = new pg.Client(poolConfigFromUrl(o.appUrl));
    await client.connect();
    try {
      const ownerRole = poolConfigFromUrl(o.ownerUrl).user;
      problems.push(...(await appRoleProblems(client, appRole, ownerRole)).map((p) => p.problem));
    } finally {
      await client.end();
    }
  }
  for (const p of problems) warn(`WARNING (database roles, docs/database-roles.md): ${p}`);
  return problems;
}
