#!/usr/bin/env bash
# `npm test`: every suite — unit and integration (vitest, real PostgreSQL; Debian's pdfsig and
# certutil check signed reports), then end-to-end
# (Playwright in Debian's Chromium against a freshly built app on its own database).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "=== unit + integration (vitest) ==="
bash scripts/ensure-test-tools.sh
node_modules/.bin/vitest run
echo "=== end-to-end (playwright) ==="
bash scripts/ensure-chromium.sh
node_modules/.bin/playwright test
