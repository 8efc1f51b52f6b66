#!/bin/sh
# Installs the headless browser the browser tests use (tests/browser/): Debian's chromium and its
# matching chromedriver. Idempotent: does nothing when both are already there. Needs root (apt-get).
set -eu
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    echo "chromium already installed: $(/usr/bin/chromium --version 2>/dev/null || echo unknown)"
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    echo "install_browser.sh: needs root to run apt-get (chromium and chromium-driver missing)" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends chromium chromium-driver fonts-dejavu-core
echo "installed: $(/usr/bin/chromium --version 2>/dev/null || echo unknown)"
