#!/usr/bin/env bash
# Lints the OpenAPI document with the Redocly CLI pinned in package-lock.json (recommended ruleset,
# redocly.yaml). Run by `mvn verify` (adapter-jersey, verify phase); .ci/run does `npm ci` here first.
# Outside CI, without node or without the installed tool, it says so and skips; under CI=true that
# is a failure. Any finding fails: redocly.yaml uses recommended-strict (warnings are errors).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
doc="$here/../../adapter-jersey/src/main/resources/openapi/openapi.yaml"
missing=""
if ! command -v node >/dev/null 2>&1; then
  missing="node is not on the PATH"
elif [[ ! -x "$here/node_modules/.bin/redocly" ]]; then
  missing="Redocly CLI is not installed (run: cd tools/openapi-lint && npm ci)"
fi
if [[ -n "$missing" ]]; then
  if [[ "${CI:-}" == "true" ]]; then
    echo "openapi-lint: FAILED - $missing" >&2
    exit 1
  fi
  echo "openapi-lint: SKIPPED - $missing"
  exit 0
fi
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1
cd "$here"
node_modules/.bin/redocly lint --config redocly.yaml --format=stylish "$doc"
