"""GPU-only tests: collected only where CUDA is available (run them on the GPU machine with
``python -m pytest tests/gpu``); on CPU they are not collected at all, so CI neither runs nor
skips them."""

from __future__ import annotations

import pytest
import torch

collect_ignore_glob = [] if torch.cuda.is_available() else ["test_*.py"]


@pytest.fixture(autouse=True)
def exact_fp32() -> object:
    """PyTorch runs fp32 convolutions in TF32 on CUDA; the comparisons here want fp32."""
    saved = torch.backends.cudnn.allow_tf32
    torch.backends.cudnn.allow_tf32 = False
    yield
    torch.backends.cudnn.allow_tf32 = saved
