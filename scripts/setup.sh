#!/usr/bin/env bash
# Installs what CodeAlong needs on a fresh Debian machine and starts the Docker engine.
# Idempotent: a second run checks and returns in about a second.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"

log() { printf '[setup] %s\n' "$*" >&2; }

# Debian packages: Docker engine, offline image base, Markdown, editor, browser tests, and Node for the
# theme's JavaScript unit tests (node --test: no npm).
packages=(
  docker.io debootstrap
  libcmark-gfm-dev libcmark-gfm-extensions-dev
  libjs-codemirror
  chromium chromium-driver
  nodejs
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  log "installing Debian packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  # A third-party source that is down should not stop the Debian packages from installing.
  $sudo_cmd apt-get update -qq || log "apt-get update reported problems; installing anyway"
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Docker engine: start one when none answers. There is no bridge network here, and
# every container runs with --network none anyway.
if ! docker info >/dev/null 2>&1; then
  log "starting dockerd --bridge=none --iptables=false (log: /var/log/codealong-dockerd.log)"
  nohup dockerd --bridge=none --iptables=false >/var/log/codealong-dockerd.log 2>&1 &
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    sleep 0.5
  done
  docker info >/dev/null 2>&1 || { log "dockerd did not come up; see /var/log/codealong-dockerd.log"; exit 1; }
fi

# Python tools for the runner's host-side tests and the browser tests.
req_hash="$(sha256sum requirements-dev.txt | cut -c1-16)"
if [ ! -f ".venv/.stamp-$req_hash" ]; then
  log "creating .venv with requirements-dev.txt"
  rm -rf .venv
  python3 -m venv .venv
  .venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt
  touch ".venv/.stamp-$req_hash"
fi
