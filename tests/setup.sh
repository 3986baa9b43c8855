#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh machine (Debian, Python 3.11, root):
# the package with its test extras, and the real components the tests drive.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -e ".[test]"

# SPARQL (tests/test_push.py, test_query_pages.py): Virtuoso, Chromium; Oxigraph's WebAssembly build (npm).
if ! command -v virtuoso-t >/dev/null || ! command -v chromium >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends virtuoso-opensource >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
npm ci --no-audit --no-fund --loglevel=error
