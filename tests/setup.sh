#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh machine (Debian, Python 3.11, root):
# the package with its test extras, and the real components the tests drive.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -e ".[test]"

# Debian packages: Chromium for the browser tests (driven by Playwright for Python, never a downloaded
# browser), Java for the Nu HTML checker, Virtuoso for the triplestore tests (a private instance each run).
if ! command -v chromium >/dev/null 2>&1 || ! command -v java >/dev/null 2>&1 || ! command -v virtuoso-t >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        chromium default-jre-headless virtuoso-opensource >/dev/null
fi
# npm (package.json, package-lock.json -> ./node_modules): vnu-jar (the Nu HTML checker) and oxigraph
# (its WebAssembly build runs SPARQL in the browser on the site's query page; `noks build` copies it).
if [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ] || [ ! -f node_modules/oxigraph/web.js ]; then
    npm ci --no-audit --no-fund --silent
fi
