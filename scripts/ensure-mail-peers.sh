#!/usr/bin/env bash
# Peers for bench/mail-eval and bench/mail-analyze: SpamAssassin 4 (spamd/spamc, with the perl
# modules its OLEVBMacro plugin needs) and rspamd 3.4, from Debian. Benchmarks only; the tests
# never need them. Exits non-zero when they cannot be installed (the benchmark then skips them).
set -euo pipefail
need=()
[ -x /usr/sbin/spamd ] || need+=(spamassassin spamd)
[ -x /usr/bin/spamc ] || need+=(spamc)
[ -x /usr/bin/rspamd ] || need+=(rspamd)
perl -MArchive::Zip -e 1 2>/dev/null || need+=(libarchive-zip-perl)
perl -MIO::String -e 1 2>/dev/null || need+=(libio-string-perl)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then echo "ensure-mail-peers: cannot install ${need[*]} (not root or no apt-get)" >&2; exit 1; fi
echo "ensure-mail-peers: installing ${need[*]} from Debian" >&2
DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null || true
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
