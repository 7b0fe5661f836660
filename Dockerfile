# GPU image of spark-voice-server: vLLM on CUDA, the server on port 8080, models on a volume.
#
#   docker build -t spark-voice-server .
#   docker run --gpus all -p 8080:8080 -v "$PWD/models:/models" spark-voice-server
#
# The weights are not baked in: on first start the official checkpoint is downloaded into the
# /models volume (HF_HOME), or point VOICE_SERVER_MODEL__PATH at a directory already there.
# Every setting is an environment variable too (VOICE_SERVER_<SECTION>__<FIELD>); see
# `docker run --rm spark-voice-server serve --help` and docs/OPERATIONS.md.
FROM nvidia/cuda:12.8.1-base-ubuntu24.04

ENV DEBIAN_FRONTEND=noninteractive \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    HF_HOME=/models/hf \
    VOICE_SERVER_CACHE=/models/cache

# A C compiler and the Python headers: Triton (under vLLM) builds small launchers at run time.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        python3 python3-venv python3-dev gcc libc6-dev ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && python3 -m venv "$VIRTUAL_ENV" \
    && groupadd --gid 10001 voice \
    && useradd --create-home --uid 10001 --gid 10001 voice \
    && mkdir -p /models \
    && chown voice:voice /models

WORKDIR /app
COPY pyproject.toml README.md ./
COPY protocol ./protocol
COPY voice_server ./voice_server
COPY web_demo ./web_demo
# Editable, so the demo page in /app/web_demo is found next to the package.
RUN pip install -e ".[gpu]"

USER 10001:10001
VOLUME ["/models"]
EXPOSE 8080

# /healthz says the process is up (it answers while the model loads); route traffic on /readyz.
HEALTHCHECK --interval=15s --timeout=3s --retries=3 \
    CMD ["python3", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=2)"]

# Exec form: SIGTERM reaches the server itself, which drains sessions (docs/OPERATIONS.md).
ENTRYPOINT ["voice-server"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8080"]
