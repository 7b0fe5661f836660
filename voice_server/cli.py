"""``voice-server``: one console script, one subcommand per job.

    voice-server serve            run the server (WebSocket, WebRTC, HTTP, demo page)
    voice-server say TEXT -o F    synthesize TEXT into a WAV through the whole path
    voice-server client           stream text to a running server and measure what comes back
    voice-server decode           decode a token file with BiCodec only
    voice-server make-tiny-model  write a random-weight model directory for tests
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from voice_server.model_dir import OFFICIAL_MODEL_ID, ModelDir, ModelDirError, resolve_model

TINY_FALLBACK_DIR = Path(
    os.environ.get("VOICE_SERVER_CACHE", Path.home() / ".cache" / "spark-voice-server")
) / "tiny-model"

NOISE_NOTICE = """
**************************************************************************************
*  The official checkpoint ({model}) could not be loaded:
*    {reason}
*  Falling back to a GENERATED TINY MODEL WITH RANDOM WEIGHTS: its audio is NOISE.
*  To hear speech, download the real weights where the hub is reachable:
*    huggingface-cli download {model} --local-dir ./Spark-TTS-0.5B
*  and run with  --model ./Spark-TTS-0.5B
**************************************************************************************
"""


def load_model_dir(spec: str | None) -> ModelDir:
    """The model the user asked for; with none given, the official one or the tiny fallback."""
    if spec is not None:
        return resolve_model(spec)
    try:
        return resolve_model(OFFICIAL_MODEL_ID)
    except ModelDirError as exc:
        print(NOISE_NOTICE.format(model=OFFICIAL_MODEL_ID, reason=exc), file=sys.stderr)
        from voice_server.tiny_model import make_tiny_model

        if not (TINY_FALLBACK_DIR / "LLM" / "config.json").exists():
            make_tiny_model(TINY_FALLBACK_DIR)
        return resolve_model(str(TINY_FALLBACK_DIR))


def add_model_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model",
        default=os.environ.get("VOICE_SERVER_MODEL"),
        help=f"model directory or hub id (default: {OFFICIAL_MODEL_ID}, falling back to a "
        "random-weight tiny model when it cannot be downloaded)",
    )


def add_voice_arguments(parser: argparse.ArgumentParser) -> None:
    from voice_server.engine.vocab import GENDERS, LEVELS

    parser.add_argument("--speaker", help="a named voice (see GET /v1/voices)")
    parser.add_argument("--gender", choices=GENDERS)
    parser.add_argument("--pitch", choices=LEVELS)
    parser.add_argument("--speed", choices=LEVELS)
    parser.add_argument("--seed", type=int, default=None, help="sampling seed (reproducible)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="voice-server", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--log-level", default=os.environ.get("VOICE_SERVER_LOG_LEVEL", "INFO"))
    sub = parser.add_subparsers(dest="command", required=True)

    tiny = sub.add_parser("make-tiny-model", help="write a random-weight model directory")
    tiny.add_argument("directory", type=Path)
    tiny.add_argument("--seed", type=int, default=0)
    tiny.add_argument(
        "--size", choices=("tiny", "full"), default="tiny",
        help="tiny: CI-sized; full: the official LM and BiCodec shapes (GPU benchmarks)",
    )
    tiny.add_argument(
        "--llm", action="append", default=[], metavar="KEY=VALUE",
        help="replace a Qwen2 config key of the preset (hidden_size=256, head_dim=128, "
             "tie_word_embeddings=false ...); repeatable",
    )
    tiny.add_argument(
        "--bicodec", action="append", default=[], metavar="SECTION.KEY=VALUE",
        help="replace a BiCodec audio_tokenizer key (decoder.rates=[4,4,4,5]); repeatable",
    )
    tiny.add_argument("--vocab-size", type=int, default=None, help="the LM's head size")

    decode = sub.add_parser("decode", help="decode global+semantic codes with BiCodec")
    decode.add_argument("--model", required=True, help="model directory (needs BiCodec/)")
    decode.add_argument("--tokens", required=True, type=Path, help="npz: global_ids, semantic_ids")
    decode.add_argument("-o", "--output", required=True, type=Path, help=".wav or .npy")

    say = sub.add_parser("say", help="synthesize text to a WAV file")
    say.add_argument("text")
    add_model_argument(say)
    add_voice_arguments(say)
    say.add_argument("-o", "--output", required=True, type=Path)

    from voice_server import serve_command

    serve_command.add_arguments(sub.add_parser("serve", help="run the server"))
    from voice_server import client_command

    client_command.add_arguments(sub.add_parser("client", help="stream text to a server"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        return dispatch(args)
    except ModelDirError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def dispatch(args: argparse.Namespace) -> int:
    if args.command == "make-tiny-model":
        from voice_server.tiny_model import make_tiny_model

        from voice_server.tiny_model import parse_overrides

        bicodec: dict[str, dict[str, object]] = {}
        for key, value in parse_overrides(args.bicodec).items():
            section, _, name = key.partition(".")
            bicodec.setdefault(section, {})[name] = value
        print(make_tiny_model(args.directory, seed=args.seed, size=args.size,
                              llm=parse_overrides(args.llm), bicodec=bicodec,
                              vocab_size=args.vocab_size))  # fmt: skip
        return 0
    if args.command == "decode":
        from voice_server.codec.bicodec import decode_tokens_file

        try:
            decode_tokens_file(Path(args.model), args.tokens, args.output)
        except (OSError, ValueError) as exc:  # a missing file, tokens the codec cannot take
            print(f"error: {exc}", file=sys.stderr)
            return 2
        return 0
    if args.command == "say":
        return asyncio.run(run_say(args))
    if args.command == "serve":
        from voice_server import serve_command

        return serve_command.run(args)
    if args.command == "client":
        from voice_server import client_command

        return client_command.run(args)
    raise AssertionError(args.command)


async def run_say(args: argparse.Namespace) -> int:
    from voice_server.engine.llm import EngineConfig
    from voice_server.engine.sampling import Sampling
    from voice_server.runtime import DecodeConfig, SpeechRuntime
    from voice_server.say import parse_voice_args, report_line, say

    from voice_server.replicas import first_device

    model = load_model_dir(args.model)
    engine = EngineConfig(max_num_seqs=8, devices=first_device())  # one engine for one text
    async with SpeechRuntime(model, engine, DecodeConfig()) as runtime:
        voice = parse_voice_args(args.speaker, args.gender, args.pitch, args.speed, runtime)
        report = await say(runtime, args.text, voice, Sampling(seed=args.seed), args.output)
    if model.is_tiny():
        report["notice"] = "random-weight tiny model: the audio is noise"
    print(report_line(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
