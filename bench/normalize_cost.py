"""CPU cost of ``normalize_text`` per call, by kind of text.

The normaliser runs on the event loop for every segment, so its cost per call, times the
segments per second of all sessions, is loop time no session can use. Each kind of text
below is a few segments an LLM-fed voice agent sends; each is normalised ``--calls`` times
(cycling through the kind's texts) after a warm-up, in ``--rounds`` rounds, and the table
gives microseconds per call (wall clock, one thread) of the round with the lowest mean, so
that other load on the machine stays out: mean, median and p95.

    python bench/normalize_cost.py [--calls 2000] [--rounds 3] [--tree PATH]

``--tree`` times the normaliser of another checkout (a worktree of an older commit) instead
of this one's: run both, back to back on the same machine, for a before and after.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

_PARAGRAPH = (
    "Great question! Here's a quick summary of your options. The Basic plan costs $9.99/month "
    "and includes 50 GB of storage, while the Pro plan is $19.99/month with 2 TB and priority "
    "support. If you sign up before March 31st, you'll get 20% off the first year, which brings "
    "Pro down to about $191.90 annually. Both plans include end-to-end encryption, automatic "
    "backups every 24 hours, and access from up to 5 devices. Our support team is available "
    "Monday through Friday, 9 a.m. to 6 p.m. Eastern, and you can reach them at 1-800-555-0199 "
    "or support@example.com. Most customers set everything up in under 10 minutes: install the "
    "app, sign in with your account, and choose which folders to sync. If you run into trouble, "
    "the help center at https://help.example.com/getting-started walks you through each step "
    "with screenshots. One more thing: uploads are limited to 15 MB per file on Basic, but Pro "
    "raises that to 5 GB, which is handy for video. Let me know if you'd like me to compare "
    "these with the Family plan, which covers up to 6 people for $29.99 a month."
)  # fmt: skip

KINDS: dict[str, list[str]] = {
    "English, no digit": [
        "Sure, I can help you with that. Let me look up your account details and check whether "
        "the payment went through before we continue.",
        "That sounds frustrating, and I'm sorry for the trouble. The quickest fix is usually to "
        "restart the router and wait until the lights turn solid green.",
        "Absolutely! The museum is open every day except holidays, and guided tours leave from "
        "the main lobby in the morning and again after lunch.",
    ],
    "English, one number": [
        "Your appointment is confirmed for tomorrow morning, so please arrive about 15 minutes "
        "early and bring your insurance card with you.",
        "The package left our warehouse this afternoon and should reach you in 3 business days, "
        "depending on the weather along the route.",
        "I found a table for you at the Italian place downtown; it seats 4 people and they hold "
        "reservations for a quarter of an hour.",
    ],
    "English, dense numbers": [
        "On 2024-03-15 at 3:45 pm, order #48213 shipped 12 boxes (5.5 kg each, $19.99/box) to "
        "1600 Pennsylvania Ave NW; call 555-123-4567.",
        "Revenue rose 12.5% to $4.2B in Q3'24, up from $3.7B; margins hit 38%, and 1,250 new "
        "stores opened between 2021-2023 across 14 states.",
        "Set the oven to 350°F, bake 25-30 min, then cool for 10 min; each 1/2 cup serving has "
        "210 kcal, 8 g of fat and 3.5 g of protein.",
    ],
    "Markdown LLM output": [
        "## Getting started\n\n1. **Open** the `Settings` app.\n2. Tap *Privacy* > _Location_.\n"
        "- [x] Turn on [Precise Location](https://example.com/help)\n> Note: this takes ~2 min.",
        "Here's the fix:\n\n```bash\npip install --upgrade requests\n```\n\n| Option | Default |\n"
        "|---|---|\n| `timeout` | 30 |\n\n**Tip:** set `retries` to *3*.",
        "### Pros and cons\n- **Speed**: fast on small inputs\n- **Cost**: ~$0.02 per call\n"
        "- ~~Deprecated~~ *legacy* API [^1]\n\n> See [the docs](https://docs.example.com).",
    ],
    "Chinese, no digit": [
        "好的，我已经帮您查到了订单信息，包裹目前正在派送途中，请您保持电话畅通，耐心等待快递员联系。",
        "这个问题确实比较常见，建议您先重启路由器，等指示灯变成绿色以后再重新连接无线网络试试看。",
        "博物馆除了节假日每天都开放，讲解员会在上午和下午各带一次参观，集合地点在一楼大厅的服务台旁边。",
    ],
    "Chinese with numbers": [
        "您的订单号是 20240315，预计3月18日送达，运费12.5元，客服电话400-800-1234，工作时间9:00-18:00。",
        "今天最高气温25℃，降水概率30%，明天下午2点有雷阵雨，请提前做好准备。",
        "这款手机售价¥3,999，比去年的型号便宜15%，电池容量5000mAh，支持65W快充。",
    ],
    "1,000-character paragraph": [_PARAGRAPH],
}
"""Kinds of text and a few segments of each (the English ones about 130 characters)."""


def _normalizer(tree: Path) -> Callable[[str], str]:
    """``normalize_text`` from the checkout at ``tree`` (not from whichever copy of the
    package the environment has installed)."""
    sys.path.insert(0, str(tree.resolve()))
    import voice_server
    from voice_server.text import normalize

    if Path(voice_server.__file__).resolve().parents[1] != tree.resolve():
        sys.exit(f"imported {voice_server.__file__}, not the package of {tree}")
    return normalize.normalize_text


def time_calls(normalize: Callable[[str], str], texts: list[str], calls: int) -> list[float]:
    """Microseconds of each of ``calls`` calls, cycling through ``texts``, after a warm-up."""
    for text in texts * 20:
        normalize(text)
    times = []
    for i in range(calls):
        text = texts[i % len(texts)]
        start = time.perf_counter()
        normalize(text)
        times.append((time.perf_counter() - start) * 1e6)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000, help="calls per kind and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--tree", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="the checkout whose normaliser to time (default: this one)")
    args = parser.parse_args()
    normalize = _normalizer(args.tree)
    print(f"normalize_text of {args.tree.resolve()}, best of {args.rounds} rounds of "
          f"{args.calls} calls per kind\n")
    print("| text | chars | mean µs | p50 µs | p95 µs |")
    print("|---|---|---|---|---|")
    for kind, texts in KINDS.items():
        rounds = [time_calls(normalize, texts, args.calls) for _ in range(args.rounds)]
        times = sorted(min(rounds, key=statistics.mean))
        chars = round(statistics.mean(len(t) for t in texts))
        p95 = times[int(0.95 * (len(times) - 1))]
        print(f"| {kind} | {chars} | {statistics.mean(times):.0f} | {statistics.median(times):.0f}"
              f" | {p95:.0f} |")  # fmt: skip


if __name__ == "__main__":
    main()
