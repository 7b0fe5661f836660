#!/usr/bin/env bash
# Set up .venv (first run only) and run the server. Extra arguments go to `voice-server serve`.
# Without --model it loads SparkAudio/Spark-TTS-0.5B, or, offline, a generated random-weight tiny model.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/voice-server ] || bash scripts/setup.sh
exec .venv/bin/voice-server serve "$@"
