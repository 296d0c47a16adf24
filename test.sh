#!/usr/bin/env bash
# Lint and run the test suite, making the environment first if needed (scripts/env.sh). CI runs
# exactly this (.ci/run). Extra arguments go to pytest, e.g. ./test.sh tests/test_kinds.py
cd "$(dirname "$0")"
. scripts/env.sh
ruff check .
ruff format --check .
python -m pytest "$@"
