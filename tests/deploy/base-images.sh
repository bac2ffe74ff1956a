#!/usr/bin/env bash
# Base images built from Debian packages, for machines that reach the Debian and PyPI package
# registries but no container registry (CI here). Each is built only when missing (`podman image
# exists`), so later runs reuse them.
#
#   tests/deploy/base-images.sh            -> localhost/bsc-base-python:bookworm, localhost/bsc-base-redis:bookworm
#
# Python: python3 + pip + venv + CA certificates, including the machine's own CAs from
# /usr/local/share/ca-certificates (a TLS-inspecting proxy's CA: without it pip fails inside the build
# with CERTIFICATE_VERIFY_FAILED). Redis: Debian's redis-server as user `redis`, data in /data.
# Then pass them to compose: BSC_PYTHON_IMAGE=localhost/bsc-base-python:bookworm
# REDIS_IMAGE=localhost/bsc-base-redis:bookworm (tests/deploy/test_compose_up.py does).
set -euo pipefail

ENGINE=${ENGINE:-podman}
SUITE=${SUITE:-bookworm}
PY_TAG=${PY_TAG:-localhost/bsc-base-python:$SUITE}
REDIS_TAG=${REDIS_TAG:-localhost/bsc-base-redis:$SUITE}
MIRRORS=("deb http://deb.debian.org/debian $SUITE main" "deb http://deb.debian.org/debian $SUITE-updates main"
         "deb http://deb.debian.org/debian-security $SUITE-security main")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

exists() { "$ENGINE" image exists "$1" 2>/dev/null || "$ENGINE" image inspect "$1" >/dev/null 2>&1; }

# The machine's extra CAs, copied into the rootfs before update-ca-certificates runs.
CA_HOOK='mkdir -p "$1/usr/local/share/ca-certificates"; cp /usr/local/share/ca-certificates/*.crt "$1/usr/local/share/ca-certificates/" 2>/dev/null || true; chroot "$1" update-ca-certificates >/dev/null'
# Smaller images: no docs, man pages or apt lists (the image is never apt-get'ed at run time).
SLIM_HOOK='rm -rf "$1"/usr/share/doc/* "$1"/usr/share/man/* "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*'

build_python() {
    mmdebstrap --variant=minbase --mode=root --quiet \
        --include=python3,python3-pip,python3-venv,python-is-python3,ca-certificates \
        --customize-hook="$CA_HOOK" \
        --customize-hook='rm -f "$1"/usr/lib/python3.*/EXTERNALLY-MANAGED' \
        --customize-hook="$SLIM_HOOK" \
        "$SUITE" "$WORK/python.tar" "${MIRRORS[@]}"
    "$ENGINE" import --change 'CMD ["python3"]' --change 'ENV LANG=C.UTF-8' "$WORK/python.tar" "$PY_TAG" >/dev/null
}

build_redis() {
    mmdebstrap --variant=minbase --mode=root --quiet \
        --include=redis-server,redis-tools \
        --customize-hook='mkdir -p "$1/data" && chroot "$1" chown redis:redis /data' \
        --customize-hook="$SLIM_HOOK" \
        "$SUITE" "$WORK/redis.tar" "${MIRRORS[@]}"
    "$ENGINE" import --change 'WORKDIR /data' --change 'CMD ["redis-server"]' "$WORK/redis.tar" "$REDIS_TAG" >/dev/null
}

pids=()
if ! exists "$PY_TAG"; then build_python & pids+=($!); fi
if ! exists "$REDIS_TAG"; then build_redis & pids+=($!); fi
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit $status
