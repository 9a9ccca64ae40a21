import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { builtinModules } from "node:module";

// lib/ directories, lowest layer first (see the import/no-restricted-paths block below). A new
// directory goes into the lowest layer above everything it imports.
const LIB_LAYERS = [
  ["config"],
  ["net"],
  ["db"],
  ["keys"],
  ["ledger"],
  ["vault"],
  ["access"],
  ["auth", "fhir", "monitor"],
  ["reports"],
  ["admin", "http", "ops"],
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".data/**",
      "lib/generated/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    // No module reaches itself through its imports. eslint-config-next resolves "@/…" through
    // the TypeScript resolver (tsconfig paths), so aliased imports count as much as relative ones.
    files: ["**/*.{ts,tsx,js,mjs}"],
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    // lib/ is the domain: it must not reach up into the transport or UI layers.
    files: ["lib/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/app/*", "@/components/*"], message: "lib/ must not import from app/ or components/" },
          ],
        },
      ],
    },
  },
  {
    // lib/ directories in layers, lowest first: a directory imports only from layers below its
    // own, so no two directories depend on each other. (lib/ledger/tlog/ has a stricter rule below.)
    // Tests are exempt: an integration test may set up its data through higher layers.
    files: ["lib/**/*.ts"],
    ignores: ["lib/**/*.test.ts"],
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          zones: LIB_LAYERS.flatMap((layer, i) =>
            layer.flatMap((dir) =>
              LIB_LAYERS.slice(i)
                .flat()
                .filter((other) => other !== dir)
                .map((other) => ({
                  target: `./lib/${dir}`,
                  from: `./lib/${other}`,
                  message: `lib/${dir}/ sits below lib/${other}/ (LIB_LAYERS in eslint.config.mjs)`,
                })),
            ),
          ),
        },
      ],
    },
  },
  {
    // lib/ledger/tlog/ is the pure core of the log (formats, hashes, proofs): it must run in a
    // browser or any verifier, so it reaches neither the server, the database nor the rest of the
    // app (the zone resolves "@/…" aliases and "../" paths alike).
    files: ["lib/ledger/tlog/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "server-only", message: "lib/ledger/tlog/ is isomorphic: no server-only modules" },
            { name: "pg", message: "lib/ledger/tlog/ is pure: no database access" },
            ...builtinModules.map((name) => ({ name, message: "lib/ledger/tlog/ is isomorphic: no Node built-ins" })),
          ],
          patterns: [
            { group: ["node:*"], message: "lib/ledger/tlog/ is isomorphic: no Node built-ins" },
            { group: ["pg/*", "pg-*", "@prisma/*"], message: "lib/ledger/tlog/ is pure: no database access" },
          ],
        },
      ],
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: "./lib/ledger/tlog",
              from: "./",
              except: ["./lib/ledger/tlog", "./node_modules"],
              message: "lib/ledger/tlog/ imports only itself and pure packages such as @noble/*",
            },
          ],
        },
      ],
    },
  },
  {
    // lib/reports/verify/ is the offline verifier of evidence bundles: the CLI and the browser's
    // /verify page run it as it is, so like lib/ledger/tlog/ it uses no Node built-ins, no server
    // module and no database, and imports only the pure formats it checks. (Tests and their fixtures may.)
    files: ["lib/reports/verify/**/*.ts"],
    ignores: ["lib/reports/verify/**/*.test.ts", "lib/reports/verify/testing/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "server-only", message: "lib/reports/verify/ is isomorphic: no server-only modules" },
            // zod's object parser probes eval, which the page's CSP refuses (lib/ledger/kinds/json-shape.ts).
            { name: "zod", message: "lib/reports/verify/ runs in the browser: no zod (json-shape.ts has the checks)" },
            ...builtinModules.map((name) => ({
              name,
              message: "lib/reports/verify/ is isomorphic: no Node built-ins",
            })),
          ],
          patterns: [
            { group: ["node:*"], message: "lib/reports/verify/ is isomorphic: no Node built-ins" },
            { group: ["pg", "pg/*", "@prisma/*"], message: "lib/reports/verify/ is pure: no database access" },
          ],
        },
      ],
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: "./lib/reports/verify",
              from: "./",
              except: [
                "./lib/reports/verify",
                "./lib/ledger/tlog",
                "./lib/ledger/kinds/canonical-json.ts",
                // The report's own leaf: pure, kept beside the leaf kind that anchors it.
                "./lib/ledger/kinds/report-leaf.ts",
                "./lib/ledger/kinds/json-shape.ts",
                // Isomorphic too (the block below keeps it so): /verify checks the PDF in the browser.
                "./lib/reports/pdf/verify-pdf-signature.ts",
                "./node_modules",
              ],
              message:
                "lib/reports/verify/ imports only itself, lib/ledger/tlog/, the PDF signature check and pure packages such as @noble/*",
            },
          ],
        },
      ],
    },
  },
  {
    // The PDF signature verifier runs in the browser (/verify) as well as in Node: it and what it
    // imports use no Node built-ins, no server-only module and no zod.
    files: [
      "lib/reports/pdf/{der,cms-oids,find-pdf-signature,read-cades-signed-data,verify-ecdsa,verify-pdf-signature,build-cades-signed-data}.ts",
      "lib/reports/certificates/{parse-certificate,verify-certificate-chain}.ts",
      // The report's own leaf and the shape checks the verifier reads with it.
      "lib/ledger/kinds/{report-leaf,json-shape,canonical-json}.ts",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "server-only", message: "the PDF signature verifier is isomorphic: no server-only modules" },
            { name: "zod", message: "the browser's verifier imports no zod (its eval probe breaks the CSP)" },
            ...builtinModules.map((name) => ({
              name,
              message: "the PDF signature verifier is isomorphic: no Node built-ins",
            })),
          ],
          patterns: [{ group: ["node:*"], message: "the PDF signature verifier is isomorphic: no Node built-ins" }],
        },
      ],
    },
  },
  {
    // The environment is read in one place, lib/config/, through its two schemas (runtime-env.ts:
    // no secrets, readable before they exist; env.ts: the secrets). Exceptions, where setting or
    // passing on variables is the point: scripts/, bench/, test/, e2e/ and *.test.ts set them for
    // the servers, child processes and code they start; next.config.js reads NODE_ENV and
    // prisma.config.ts gives `prisma generate` a placeholder DATABASE_URL before any app code
    // runs; playwright.config.ts reads CI; instrumentation.ts reads NEXT_RUNTIME, which decides
    // whether the Node-only lib/config may be imported at all.
    files: ["**/*.{ts,tsx,js,mjs}"],
    ignores: [
      "lib/config/**",
      "scripts/**",
      "bench/**",
      "test/**",
      "e2e/**",
      "**/*.test.ts",
      "next.config.js",
      "prisma.config.ts",
      "playwright.config.ts",
      "instrumentation.ts",
    ],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: "Read the environment through lib/config (runtimeEnv() or serverEnv()), not process.env.",
        },
        {
          selector: "MemberExpression[object.name='process'][property.value='env']",
          message: "Read the environment through lib/config (runtimeEnv() or serverEnv()), not process.env.",
        },
      ],
    },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/db/*", "@/lib/generated/*"], message: "components/ never touch the database" },
            {
              group: ["@/app/*"],
              message: "components/ never import from app/: action state types live in lib/ or beside the form",
            },
          ],
        },
      ],
    },
  },
];

export default config;
