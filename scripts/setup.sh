#!/usr/bin/env bash
# Installs the Debian packages kafkalab needs, and only those that are missing.
# Idempotent: a second run installs nothing and does not touch the network.
# Also installs the one npm package a test uses (kafkajs, into build/kafkajs).
#   scripts/setup.sh          what building and testing need
#   scripts/setup.sh --bench  also the peers bench/run measures against, and gnuplot
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libboost-graph-dev libyaml-cpp-dev catch2
  libglfw3-dev libimgui-dev libstb-dev
  libcli11-dev libfmt-dev nlohmann-json3-dev libbenchmark-dev
  xvfb xauth graphviz
  zlib1g-dev kcat python3-kafka python3-fake-factory
  clang-14 libclang-rt-14-dev ccache
)
for arg in "$@"; do
  case "$arg" in
    --bench) packages+=(libsimgrid-dev libns3-dev librdkafka-dev gnuplot-nox) ;;
    *) echo "setup: unknown argument '$arg' (expected --bench)" >&2; exit 2 ;;
  esac
done

# Node.js and npm run the kafkajs test; a Node.js from elsewhere (NodeSource) will do.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then packages+=(nodejs npm); fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  # Wait for another apt run (an unattended upgrade, a parallel setup) instead of failing.
  apt_options=(-q -o DPkg::Lock::Timeout=600)
  "${sudo_cmd[@]}" apt-get "${apt_options[@]}" update
  "${sudo_cmd[@]}" apt-get "${apt_options[@]}" install -y --no-install-recommends "${missing[@]}"
fi

# The kafkajs test's client library, pinned by its lock file, installed here so that
# testing needs no network: build/kafkajs, shared by every build preset.
repo=$(cd "$(dirname "$0")/.." && pwd)
kafkajs_dir="$repo/build/kafkajs"
if ! grep -qs '"version": "2.2.4"' "$kafkajs_dir/node_modules/kafkajs/package.json"; then
  echo "setup: installing kafkajs 2.2.4 into build/kafkajs" >&2
  mkdir -p "$kafkajs_dir"
  cp "$repo/tests/real_clients/kafkajs/package.json" "$repo/tests/real_clients/kafkajs/package-lock.json" "$kafkajs_dir/"
  (cd "$kafkajs_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi
