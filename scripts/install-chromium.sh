#!/bin/sh
# The browser test drives Debian's Chromium (Playwright never downloads a browser here).
set -e
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
  echo "install-chromium: Chromium is missing and this user cannot install it; the browser test will be skipped." >&2
  exit 0
fi
echo "install-chromium: installing Debian's chromium for the browser test" >&2
$SUDO apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
