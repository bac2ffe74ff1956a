# One image, many commands (the getsentry/self-hosted pattern): docker-compose.yml runs every web
# service and every queue worker from this image with a different `bandcrew` subcommand.
# No HEALTHCHECK here on purpose: workers have no HTTP port, so compose declares health per service.
#
# The base is a build argument so machines without a container registry can build from a local
# image made from Debian packages (tests/deploy/base-images.sh): it needs python3 with venv and pip.
ARG BSC_PYTHON_IMAGE=docker.io/library/python:3.11-slim
# What MEDIA runs besides Python: ffmpeg/ffprobe (videos, checks), espeak-ng (voice for languages the
# neural voice lacks) and fonts for the rendered text (add fonts-noto-cjk for Chinese/Japanese/Korean).
ARG BSC_APT_PACKAGES="ffmpeg espeak-ng fonts-dejavu-core fonts-noto-core"

# --- build: a virtualenv with the locked dependencies and the project, nothing else --------------------
FROM ${BSC_PYTHON_IMAGE} AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore

# The lock first, in its own layer: a code change does not re-download the dependencies.
COPY requirements.lock /tmp/requirements.lock
RUN python3 -m venv /opt/bandcrew \
 && /opt/bandcrew/bin/pip install --require-virtualenv -r /tmp/requirements.lock

WORKDIR /src
COPY pyproject.toml ./
COPY shared ./shared
COPY main ./main
COPY supervisor ./supervisor
COPY analyst ./analyst
COPY marketing ./marketing
COPY optimizer ./optimizer
COPY media ./media
COPY sandbox ./sandbox
COPY bandcrew ./bandcrew
# --no-deps: every dependency came from the lock above; a version outside it fails `pip check`.
RUN /opt/bandcrew/bin/pip install --require-virtualenv --no-deps . \
 && /opt/bandcrew/bin/pip check

# --- runtime: the virtualenv copied over (no wheels, no pip cache, no source tree), non-root --------------
FROM ${BSC_PYTHON_IMAGE}
ARG BSC_APT_PACKAGES

# Before anything of ours, so this layer is rebuilt only when the list changes; no apt lists are kept.
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${BSC_APT_PACKAGES} \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/bandcrew/bin:$PATH \
    BSC_DATA_DIR=/var/lib/bandcrew

# A fixed numeric uid/gid so orchestrators can verify runAsNonRoot and volumes get stable owners.
# /data/media is the MEDIA volume's mount point, owned by that user so a fresh volume is writable.
RUN groupadd --system --gid 10001 bandcrew \
 && useradd --system --uid 10001 --gid bandcrew --home-dir /var/lib/bandcrew --shell /usr/sbin/nologin bandcrew \
 && mkdir -p /var/lib/bandcrew /data/media \
 && chown bandcrew:bandcrew /var/lib/bandcrew /data/media

COPY --from=build /opt/bandcrew /opt/bandcrew

# The code runs from the virtualenv's site-packages; the working directory holds no .env (settings
# come from the container environment compose gives it).
WORKDIR /var/lib/bandcrew
USER 10001:10001

ENTRYPOINT ["bandcrew"]
CMD ["--help"]
