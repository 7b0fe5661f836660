"""The audio head's model class in every vLLM process, as a vLLM plugin.

vLLM builds the model in processes of its own (the engine core, its workers), and each must
know the audio head's architecture name (``audio_head.register``). The grammar processor's
module registers it as a side effect wherever vLLM imports it, but with the grammar in the
model (``engine.grammar`` model) no processor is loaded. vLLM loads the entry points of the
group ``vllm.general_plugins`` in each of its processes: ``pyproject.toml`` declares ours, so an
installed package needs nothing more. Run from a source tree that is not installed (the lent
GPU machine puts the checkout on ``PYTHONPATH``), ``make_visible`` writes the same entry point
into a temporary distribution on ``PYTHONPATH``, which the processes vLLM starts inherit.
"""

from __future__ import annotations

import importlib
import os
import sys
import tempfile
from importlib.metadata import entry_points
from pathlib import Path

GROUP = "vllm.general_plugins"
NAME = "spark_audio_head"
TARGET = "voice_server.engine.audio_head:register"


def declared() -> bool:
    """Whether this interpreter's installed distributions declare our plugin."""
    return any(ep.name == NAME and ep.value == TARGET for ep in entry_points(group=GROUP))


def write_distribution(root: Path) -> Path:
    """Write a minimal distribution declaring the plugin into ``root``; returns ``root``."""
    info = root / "spark_voice_vllm_plugin-0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: spark-voice-vllm-plugin\n"
                                   "Version: 0\n")  # fmt: skip
    (info / "entry_points.txt").write_text(f"[{GROUP}]\n{NAME} = {TARGET}\n")
    return root


def make_visible() -> None:
    """Make the plugin visible to this process and the processes it starts (idempotent)."""
    if declared():
        return
    root = write_distribution(Path(tempfile.mkdtemp(prefix="spark_vllm_plugin_")))
    # The package itself must import in those processes too (it does, from its own folder).
    source = str(Path(__file__).resolve().parents[2])
    paths = [str(root), source, *filter(None, [os.environ.get("PYTHONPATH")])]
    os.environ["PYTHONPATH"] = os.pathsep.join(paths)
    sys.path.insert(0, str(root))
    importlib.invalidate_caches()
