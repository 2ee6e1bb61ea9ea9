#!/usr/bin/env bash
# Stand-in base images built from Debian trixie packages, for machines that reach Debian's
# package mirror but not Docker Hub (this lab's CI). Users with Docker Hub never need this:
# the Dockerfile and docker-compose.yml default to the pinned public images.
#
#   docker/local-images.sh            # builds what is missing, prints the variables to export
#   eval "$(docker/local-images.sh --env)"
#
# Images (reused when they exist; delete one with `docker rmi` to rebuild it):
#   $PREFIX/debian:trixie      debootstrap --variant=minbase trixie, imported
#   $PREFIX/jdk:25             + openjdk-25-jdk-headless, curl        (Dockerfile build stage)
#   $PREFIX/jre:25             + openjdk-25-jre-headless              (Dockerfile runtime stage)
#   $PREFIX/postgres:17        + postgresql-17, an entrypoint that reads POSTGRES_DB/USER/PASSWORD
#   $PREFIX/prometheus:trixie  + prometheus, wget (for the compose healthcheck)
# They stand in for the pinned images: same entry points and paths as far as the lab uses them,
# not the same software versions (PostgreSQL 17 for 18, Debian's OpenJDK 25 for Temurin 25).
set -euo pipefail
cd "$(dirname "$0")"

PREFIX=${LOCAL_IMAGE_PREFIX:-fanout-lab-local}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
DOCKER=${DOCKER:-docker}

print_env() {
	cat <<ENV
export LAB_BUILD_IMAGE=$PREFIX/jdk:25
export LAB_RUNTIME_IMAGE=$PREFIX/jre:25
export LAB_POSTGRES_IMAGE=$PREFIX/postgres:17
export LAB_PROMETHEUS_IMAGE=$PREFIX/prometheus:trixie
ENV
}

exists() { "$DOCKER" image inspect "$1" >/dev/null 2>&1; }

base() {
	local image=$PREFIX/debian:trixie
	exists "$image" && return
	command -v debootstrap >/dev/null || {
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
	}
	local root
	root=$(mktemp -d "${TMPDIR:-/tmp}/fanout-lab-trixie.XXXXXX")
	trap 'rm -rf "$root"' RETURN
	echo "== debootstrap trixie (minbase) into $root" >&2
	debootstrap --variant=minbase trixie "$root" "$MIRROR" >"$root.log" 2>&1 ||
		{ tail -n 30 "$root.log" >&2; exit 1; }
	rm -f "$root.log"
	rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
	echo "deb $MIRROR trixie main" >"$root/etc/apt/sources.list"
	tar -C "$root" -c . | "$DOCKER" import \
		--change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
		--change 'CMD ["bash"]' - "$image" >/dev/null
	echo "built $image" >&2
}

# $1 image, $2 Dockerfile directory under docker/local/ (FROM the base, installs packages).
# The host network: package downloads go out the way the host's own apt does. The classic
# builder: these Dockerfiles need nothing newer, and it needs no buildx plugin.
derived() {
	local image=$1 dir=$2
	exists "$image" && return
	echo "== $image" >&2
	DOCKER_BUILDKIT=0 "$DOCKER" build -q --network host --build-arg "BASE=$PREFIX/debian:trixie" \
		-t "$image" "local/$dir" >/dev/null
	echo "built $image" >&2
}

if [[ ${1:-} == --env ]]; then
	print_env
	exit 0
fi
base
derived "$PREFIX/jdk:25" jdk
derived "$PREFIX/jre:25" jre
derived "$PREFIX/postgres:17" postgres
derived "$PREFIX/prometheus:trixie" prometheus
print_env
