#!/bin/sh
# Installs Debian's PostgreSQL server binaries, once. The tests start a throwaway
# cluster of their own from these binaries (tests/pg_cluster.py).
set -eu

if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    exit 0
fi
"$(dirname "$0")/apt-install.sh" postgresql
ls /usr/lib/postgresql/*/bin/initdb
