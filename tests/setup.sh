#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh machine (Debian, Python 3.11, root):
# the package with its test extras, and the real components the tests drive.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -e ".[test]"
