#!/bin/sh
# Builds the sdist and the wheel into OUTDIR (default dist/), the built dashboard
# (frontend/dist) inside them at supportgym/server/dashboard/. The build runs on a copy
# of the sources, so the working tree never holds a second, possibly stale, dashboard.
# Usage: scripts/build-dist.sh [OUTDIR]; PYTHON is an interpreter with `build` installed.
set -eu
out=${1:-dist}
python=${PYTHON:-.venv/bin/python}
root=$(dirname "$0")/..

if [ ! -f "$root/frontend/dist/index.html" ]; then
    echo "frontend/dist/index.html is missing: build the dashboard first (make dashboard)" >&2
    exit 1
fi
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp "$root/pyproject.toml" "$root/README.md" "$root/LICENSE" "$stage/"
tar -cf - -C "$root" --exclude=__pycache__ --exclude='*.egg-info' \
    --exclude=src/supportgym/server/dashboard src | tar -xf - -C "$stage"
cp -R "$root/frontend/dist" "$stage/src/supportgym/server/dashboard"
"$python" -m build --outdir "$out" "$stage"
