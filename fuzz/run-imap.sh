#!/usr/bin/env bash
# Fuzzes the IMAP codec (framing, parser, encoder, ENVELOPE/BODYSTRUCTURE/sections) with
# libFuzzer + AddressSanitizer.
#
#   fuzz/run-imap.sh [SECONDS] [extra libFuzzer flags…]     (default: 120 seconds)
#
# Builds the MailCore and IMAPProtocol sources with fuzz/IMAPCodecFuzz.swift as one
# module with swiftc (outside SwiftPM) into $FUZZ_WORK (default /tmp/postino-imap-fuzz).
# The first input byte selects the target: even = command stream, odd = message.
# Crashing inputs land in $FUZZ_WORK/artifacts.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
duration=${1:-120}
shift || true
work=${FUZZ_WORK:-/tmp/postino-imap-fuzz}
samples="$root/../shared/data/mime-samples"

mkdir -p "$work/corpus" "$work/seeds" "$work/artifacts"

mapfile -t sources < <(find "$root/Sources/MailCore" "$root/Sources/IMAPProtocol" -name '*.swift' | sort)
echo "building $work/imap-fuzz from ${#sources[@]} sources…"
# One module: the IMAPProtocol files' "import MailCore" only draws a warning.
swiftc -parse-as-library -sanitize=fuzzer,address -O -g \
    -module-name MailCore -swift-version 6 -suppress-warnings \
    "${sources[@]}" "$here/IMAPCodecFuzz.swift" \
    -o "$work/imap-fuzz"

printf '\0a1 LOGIN {3}\r\nbob {4+}\r\npass\r\na2 UID FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (FROM)]<0.100>)\r\n' > "$work/seeds/commands-1"
printf '\0a3 SEARCH RETURN (MIN) CHARSET UTF-8 OR (SEEN UNDELETED) NOT FROM {2+}\r\nxy\r\na4 APPEND INBOX (\\Seen) ~{3}\r\na\0b\r\n' > "$work/seeds/commands-2"
if [ -d "$samples" ]; then
    i=0
    while IFS= read -r -d '' f; do
        { printf '\1'; cat "$f"; } > "$work/seeds/message-$i"
        i=$((i + 1))
    done < <(find "$samples" -type f ! -iname '*readme*' ! -iname '*license*' ! -iname '*copying*' -print0)
    echo "seeded $i sample messages"
fi

export SWIFT_BACKTRACE=enable=no
exec "$work/imap-fuzz" \
    -max_total_time="$duration" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$work/artifacts/" -print_final_stats=1 \
    "$@" "$work/corpus" "$work/seeds"
