// Whether an empty database gets the demo data. The demo accounts' passwords and TOTP keys are
// published in the README, so they must never reach a database that real people use: the
// embedded database is the demo's own; any other database gets them only when asked, and never
// in production.

export type TDemoSeeding = { seed: true } | { seed: false; reason: string };

export const FIRST_ADMIN_HINT =
  "Create the first administrator with: npm run healthledger -- users create-admin --email you@example.org";

export class DemoSeedingRefused extends Error {}

/** Throws DemoSeedingRefused when the demo is asked for in production. */
export function decideDemoSeeding(input: {
  embedded: boolean;
  /** `--demo` on the command line or HL_SEED_DEMO=1. */
  asked: boolean;
  nodeEnv: string | undefined;
}): TDemoSeeding {
  if (input.nodeEnv === "production") {
    if (input.asked) {
      throw new DemoSeedingRefused(
        "Refusing to seed demo data with NODE_ENV=production: its accounts have published passwords. " +
          FIRST_ADMIN_HINT,
      );
    }
    return { seed: false, reason: `NODE_ENV=production: no demo data. ${FIRST_ADMIN_HINT}` };
  }
  if (input.embedded || input.asked) return { seed: true };
  return {
    seed: false,
    reason: `an empty DATABASE_URL gets no demo accounts unless HL_SEED_DEMO=1 or --demo. ${FIRST_ADMIN_HINT}`,
  };
}
