#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh machine (Debian, Python 3.11, root):
# the package with its test extras, and the real components the tests drive.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -e ".[test]"
# Chromium, driven by Playwright (test extra), for the browser tests (e.g. the printable referencing page to PDF).
if ! command -v chromium >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
