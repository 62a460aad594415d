#!/usr/bin/env bash
# Builds the runner image codealong-runner:<hash> and tags it codealong-runner:latest.
# The hash covers the base image tag and every file that goes into the image, so an
# unchanged tree costs two `docker image inspect` calls and nothing else.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
log() { echo "build-image: $*" >&2; }

base=$("$here/build-base.sh" --tag)
inputs=("$here/Dockerfile" "$here/.dockerignore" "$here/runner.py" "$here/languages.json" "$here/submission-rules.json" "$here/messages.json")
while IFS= read -r file; do inputs+=("$file"); done < <(find "$here/codealong" "$here/codealong_runner" -name '*.py' -not -path '*/__pycache__/*' | LC_ALL=C sort)
hash=$({ echo "$base"; for file in "${inputs[@]}"; do echo "== ${file#"$here"/}"; cat "$file"; done; } | sha256sum | cut -c1-12)
tag="codealong-runner:$hash"

if id=$(docker image inspect --format '{{.Id}}' "$tag" 2>/dev/null); then
    if [[ "$(docker image inspect --format '{{.Id}}' codealong-runner:latest 2>/dev/null || true)" != "$id" ]]; then
        docker tag "$tag" codealong-runner:latest
    fi
    log "$tag is up to date (codealong-runner:latest)"
    exit 0
fi

log "base image $base"
"$here/build-base.sh" >/dev/null
log "building $tag from $here"
# The legacy builder works without a registry or network; --network none keeps the one
# RUN step (compileall) offline as well.
DOCKER_BUILDKIT=0 docker build --quiet --network none --build-arg "BASE=$base" \
    --tag "$tag" --tag codealong-runner:latest "$here" >/dev/null \
    2> >(grep -v -i -E 'deprecat|buildkit|buildx|environment-variable|^[[:space:]]*$' >&2 || true)
size=$(docker image inspect --format '{{.Size}}' "$tag")
log "built $tag = codealong-runner:latest, $((size / 1024 / 1024)) MiB"

# Every change of the runner code makes a new tag; drop the superseded ones (an image
# still used by a running container stays, and docker says so on stderr).
for old in $(docker images codealong-runner --format '{{.Tag}}'); do
    if [[ "$old" != "$hash" && "$old" != latest ]]; then
        docker rmi "codealong-runner:$old" >/dev/null 2>&1 && log "removed codealong-runner:$old" || true
    fi
done
