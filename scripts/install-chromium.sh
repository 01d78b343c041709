#!/bin/sh
# Installs Debian's Chromium and ChromeDriver for the dashboard's browser tests, once.
# The tests launch /usr/bin/chromium directly: no test tool ever downloads a browser.
set -eu

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    exit 0
fi
"$(dirname "$0")/apt-install.sh" chromium chromium-driver
/usr/bin/chromium --version
