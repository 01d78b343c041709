#!/bin/sh
# apt-install.sh PACKAGE...: installs Debian packages with apt (through sudo unless root).
set -eu

if [ "$(id -u)" -eq 0 ]; then
    SUDO=
else
    SUDO=sudo
fi

echo "Installing Debian's $* ..."
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
