#!/usr/bin/env bash
# What the benchmarks need beyond the test suite's set-up (tests/setup.sh): Debian's Hugo, the anchor of
# bench_pages.py (Debian 12 ships 0.111). Idempotent and quiet.
set -euo pipefail
if ! command -v hugo >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends hugo >/dev/null
fi
