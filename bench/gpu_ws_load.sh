#!/usr/bin/env bash
# One ws_load run on the lent GPU machine, its outputs under $OUT (what the device tool brings back).
#
# Run it as the second call of ../shared/gpu-vllm's recipe, after the first built the full-size
# random-weight model in /tmp/full:
#   call 1: bash .gpu/step1.sh python3 -c "from voice_server.tiny_model import make_tiny_model; make_tiny_model('/tmp/full', size='full')"
#   call 2: bash .gpu/step2.sh bash bench/gpu_ws_load.sh TAG LEVELS [serve flags ...]
# e.g. `bash .gpu/step2.sh bash bench/gpu_ws_load.sh workers2 300,600,800 --http.workers 2`.
# ws_load prints its table only when the run ends; the server log ($OUT/server_TAG.log) shows
# progress ("GET /readyz" 200 once the server is up). The server starts its own CUDA MPS daemon
# (engine.mps auto; its first log line says so, and the JSON's meta.cuda_mps); pass
# --engine.mps off for a run without it. Under MPS on one GPU the server starts two engines
# (engine.engines_per_gpu unset); --engine.engines-per-gpu 1 for one.
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: bash bench/gpu_ws_load.sh TAG LEVELS [serve flags ...]" >&2
  exit 2
fi
tag=$1 levels=$2
shift 2
out=${OUT:-/tmp}
model=${MODEL_DIR:-/tmp/full}
python3 bench/ws_load.py --model "$model" --sessions "$levels" --clients 8 --ramp-s 5 \
  --cancel-share 0.2 --busy-retry-s 30 --server-log "$out/server_$tag.log" \
  --json "$out/$tag.json" -- "$@" 2>&1 | tee "$out/ws_$tag.out"
