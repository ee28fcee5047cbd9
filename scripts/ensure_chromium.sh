#!/usr/bin/env bash
# Make sure a Chromium for the browser tests exists (Debian's package; Playwright cannot download).
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Chromium not found at $chromium: installing Debian's chromium package"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y --no-install-recommends chromium </dev/null \
        || { apt-get update </dev/null && apt-get install -y --no-install-recommends chromium </dev/null; }
    [ -x "$chromium" ] && exit 0
fi
cat >&2 <<MSG
The browser tests need Chromium at $chromium, which is missing.
Install Debian's package:   sudo apt-get install -y chromium   (make test does it when run as root)
(or point CHROMIUM_PATH at another Chromium executable), then run make test again.
MSG
exit 1
