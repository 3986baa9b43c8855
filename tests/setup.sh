#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh machine (Debian, Python 3.11, root):
# the package with its test extras, and the real components the tests drive.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -e ".[test]"

# The static site's checks: Debian's Chromium (driven by Playwright for Python, never a downloaded
# browser), Java for the Nu HTML checker (npm vnu-jar, from package-lock.json into ./node_modules).
if ! command -v chromium >/dev/null 2>&1 || ! command -v java >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium default-jre-headless >/dev/null
fi
if [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
    npm ci --no-audit --no-fund --silent
fi
