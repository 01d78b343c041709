#!/bin/sh
# Installs Debian's Chromium and ChromeDriver for the dashboard's browser tests, once.
# The tests launch /usr/bin/chromium directly: no test tool ever downloads a browser.
set -eu

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=
else
    SUDO=sudo
fi

echo "Installing Debian's chromium and chromium-driver (for the e2e tests)..."
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    chromium chromium-driver >/dev/null
/usr/bin/chromium --version
