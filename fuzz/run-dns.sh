#!/usr/bin/env bash
# Fuzzes the DNS codec with libFuzzer + AddressSanitizer.
#
#   fuzz/run-dns.sh [SECONDS] [extra libFuzzer flags…]     (default: 120 seconds)
#
# Builds the pure DNS sources (Sources/DNS/Codec plus the resolv.conf and address
# parsers) and fuzz/DNSCodecFuzz.swift with swiftc into $FUZZ_WORK (default
# /tmp/postino-dns-fuzz), seeds the corpus with a few packets, and runs. Crashing inputs
# land in $FUZZ_WORK/artifacts.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
duration=${1:-120}
shift || true
work=${FUZZ_WORK:-/tmp/postino-dns-fuzz}

mkdir -p "$work/corpus" "$work/seeds" "$work/artifacts"

mapfile -t sources < <(find "$root/Sources/DNS/Codec" -name '*.swift' | sort)
sources+=("$root/Sources/DNS/Resolver/NameserverAddress.swift" "$root/Sources/DNS/Resolver/ResolverConfiguration.swift")
echo "building $work/dns-fuzz from ${#sources[@]} DNS sources…"
swiftc -parse-as-library -sanitize=fuzzer,address -O -g \
    -module-name DNS -swift-version 6 \
    "${sources[@]}" "$here/DNSCodecFuzz.swift" \
    -o "$work/dns-fuzz"

# Seeds: an MX answer with compression, a query with EDNS0, resolv.conf text.
printf '\xbe\xef\x81\x80\x00\x01\x00\x02\x00\x00\x00\x00\x07example\x03com\x00\x00\x0f\x00\x01\xc0\x0c\x00\x0f\x00\x01\x00\x00\x0e\x10\x00\x08\x00\x0a\x03mx1\xc0\x0c\xc0\x0c\x00\x0f\x00\x01\x00\x00\x0e\x10\x00\x08\x00\x14\x03mx2\xc0\x0c' > "$work/seeds/mx"
printf '\x12\x34\x01\x20\x00\x01\x00\x00\x00\x00\x00\x01\x07example\x03com\x00\x00\x1c\x00\x01\x00\x00\x29\x04\xd0\x00\x00\x00\x00\x00\x00' > "$work/seeds/query"
printf 'nameserver 192.0.2.1\nnameserver [2001:db8::1]:53\noptions timeout:2 attempts:3\n' > "$work/seeds/resolvconf"

export SWIFT_BACKTRACE=enable=no
exec "$work/dns-fuzz" \
    -max_total_time="$duration" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$work/artifacts/" -print_final_stats=1 \
    "$@" "$work/corpus" "$work/seeds"
