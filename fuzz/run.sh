#!/usr/bin/env bash
# Fuzzes the MailCore message parser with libFuzzer + AddressSanitizer.
#
#   fuzz/run.sh [SECONDS] [extra libFuzzer flags…]     (default: 120 seconds)
#
# Builds the MailCore sources and fuzz/MIMEParserFuzz.swift with swiftc directly (no
# SwiftPM, so normal builds are unaffected) into $FUZZ_WORK (default
# /tmp/postino-mime-fuzz), seeds the corpus with ../shared/data/mime-samples, and runs.
# Crashing inputs land in $FUZZ_WORK/artifacts; replay one with
#   $FUZZ_WORK/mime-fuzz $FUZZ_WORK/artifacts/crash-…
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
duration=${1:-120}
shift || true
work=${FUZZ_WORK:-/tmp/postino-mime-fuzz}
samples="$root/../shared/data/mime-samples"

mkdir -p "$work/corpus" "$work/seeds" "$work/artifacts"

mapfile -t sources < <(find "$root/Sources/MailCore" -name '*.swift' | sort)
echo "building $work/mime-fuzz from ${#sources[@]} MailCore sources…"
swiftc -parse-as-library -sanitize=fuzzer,address -O -g \
    -module-name MailCore -swift-version 6 \
    "${sources[@]}" "$here/MIMEParserFuzz.swift" \
    -o "$work/mime-fuzz"

if [ -d "$samples" ]; then
    i=0
    while IFS= read -r -d '' f; do
        cp "$f" "$work/seeds/seed-$i"
        i=$((i + 1))
    done < <(find "$samples" -type f ! -iname '*readme*' ! -iname '*license*' ! -iname '*copying*' -print0)
    echo "seeded $i sample messages"
fi

# The Swift runtime backtracer reads its own stack in a way ASan reports; a trap
# should just abort so that libFuzzer records the input.
export SWIFT_BACKTRACE=enable=no
exec "$work/mime-fuzz" \
    -max_total_time="$duration" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -dict="$here/mime.dict" -artifact_prefix="$work/artifacts/" -print_final_stats=1 \
    "$@" "$work/corpus" "$work/seeds"
