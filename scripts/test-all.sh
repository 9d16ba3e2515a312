#!/usr/bin/env bash
# `npm test`: every check and test, in the order that fails fastest.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Type check";   npx tsc --noEmit
step "Lint";         npx eslint .
step "Format";       npx prettier --check . --log-level warn
step "Unit and contract tests (vitest)"; npx vitest run
step "Chromium";     bash scripts/ensure-chromium.sh
step "Build";        npx next build
step "API and browser tests (Playwright, against the running app)"; npx playwright test
