"""GPU-only tests: collected only where CUDA is available (run them on the GPU machine with
``python -m pytest tests/gpu``); on CPU they are not collected at all, so CI neither runs nor
skips them."""

from __future__ import annotations

import torch

collect_ignore_glob = [] if torch.cuda.is_available() else ["test_*.py"]
