"""``voice-server serve``: build the config tree, load the model, run the aiohttp server (or,
with ``http.workers`` > 1, the supervisor of several front-end processes)."""

from __future__ import annotations

import argparse
import logging

from aiohttp import web

from voice_server import config as config_tree
from voice_server import cuda_mps

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", dest="cfg__model__path", help="model directory or hub id "
                        "(default: the official checkpoint, else a random-weight tiny model)")
    parser.add_argument("--host", dest="cfg__http__host", help="interface to bind")
    parser.add_argument("--port", dest="cfg__http__port", help="TCP port")
    parser.add_argument("--log-json", action="store_true",
                        help="structured JSON logs, one object per line (for log shippers)")
    config_tree.add_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from voice_server.logging_setup import configure_logging

    configure_logging(args.log_level, json=args.log_json)
    try:
        config = config_tree.build_config(args)
        # Before anything here touches CUDA: every process started from now on is a client.
        mps = cuda_mps.start_for_server(config.engine.mps, config.engine.devices)
    except ValueError as exc:
        log.error("%s", exc)
        return 2
    try:
        return serve(config, args)
    finally:
        cuda_mps.stop_for_server(mps)


def serve(config: config_tree.ServerConfig, args: argparse.Namespace) -> int:
    from voice_server.app import create_app, load_failed, run_options
    from voice_server.cli import load_model_dir
    from voice_server.replicas import cuda_count

    try:
        cudas = cuda_count()
        config = config_tree.settle_engines(config, cudas, cuda_mps.in_use())
        config = config_tree.settle_front_ends(config, cudas)
    except ValueError as exc:
        log.error("%s", exc)
        return 2
    model = load_model_dir(config.model.path or None)
    log.info("engines per GPU: %d, front ends: %d, decoder: %s",
             config.engine.engines_on_each_gpu, config.http.workers, config.decode.placement)
    if config.http.workers is not None and config.http.workers > 1:
        from voice_server import supervisor

        try:
            return supervisor.run(config, model, args.log_level, args.log_json)
        except ValueError as exc:
            log.error("%s", exc)
            return 2
    app = create_app(config, model, stop_on_load_failure=True)
    log.info("serving on http://%s:%d", config.http.host, config.http.port)
    web.run_app(app, **run_options(config))
    return 1 if load_failed(app) else 0

