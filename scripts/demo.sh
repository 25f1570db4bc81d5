#!/usr/bin/env bash
# Installs what is missing, builds (Release), and runs the main lesson headless:
# replication factor 3 and a broker crash, with its timeline and checker report.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"
./build/release/kafkalab run scenarios/lessons/05-replication-and-broker-crash.yaml
