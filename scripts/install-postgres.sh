#!/bin/sh
# Installs Debian's PostgreSQL server binaries, once. The store's tests start a throwaway
# cluster of their own from these binaries (tests/pg_cluster.py).
set -eu

if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=
else
    SUDO=sudo
fi

echo "Installing Debian's postgresql (for the store's tests on PostgreSQL)..."
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    postgresql >/dev/null
ls /usr/lib/postgresql/*/bin/initdb
