#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (browser downloads do not work on these networks).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "ensure-chromium: installing chromium from Debian" >&2
DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null
test -x /usr/bin/chromium
