#!/usr/bin/env bash
# The outside checks of signed reports use Debian's Poppler (pdfsig, pdftoppm, pdftotext) and NSS
# tools (certutil), and the evidence bundle's by-hand check unzip and openssl. Install them with apt when we are root; otherwise say exactly what to run.
set -euo pipefail
missing=()
command -v pdfsig >/dev/null && command -v pdftoppm >/dev/null && command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v certutil >/dev/null || missing+=(libnss3-tools)
command -v openssl >/dev/null || missing+=(openssl)
# The by-hand check of an evidence bundle (docs/evidence-bundle.md) that verify-report.test.ts runs.
command -v unzip >/dev/null || missing+=(unzip)
# The backup and restore tests (test/ops/backup-restore.test.ts) start a PostgreSQL server of
# Debian's and use its own pg_dump/pg_restore: the embedded PostgreSQL 18 ships no pg_dump, and
# Debian's pg_dump refuses a server newer than itself.
ls /usr/lib/postgresql/*/bin/pg_restore >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 ||
  missing+=(postgresql)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "› installing Debian's ${missing[*]} for the signed-report and backup checks"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "The signed-report and backup tests need ${missing[*]}. Install with:" >&2
echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
exit 1
