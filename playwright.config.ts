import { defineConfig, devices } from "@playwright/test";
import { runtimeEnv } from "./lib/config/runtime-env";

// The e2e server's embedded PostgreSQL port (scripts/e2e-server.ts). Set here, before anything
// reads it, so the runner, its workers and the web server all agree on it when it is unset.
process.env.HL_PG_PORT ??= "54340";
const env = runtimeEnv();
const PORT = env.HL_E2E_PORT;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  // A test that signs an MFA account in again may wait up to 30 s for an unused TOTP step
  // (e2e/fixtures/accounts.ts), on top of its own work.
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: env.CHROMIUM_PATH,
      args: [
        "--no-sandbox",
        "--headless",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 } } }],
  webServer: {
    // A production build on its own embedded PostgreSQL, wiped at every run.
    command: "node_modules/.bin/tsx --conditions=react-server scripts/e2e-server.ts",
    url: `http://localhost:${PORT}/login`,
    // Build, migrate and seed: minutes on a busy two-core machine.
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: { PORT: String(PORT) },
  },
});
