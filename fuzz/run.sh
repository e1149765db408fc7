#!/usr/bin/env bash
# Fuzzes one target of the fuzz executable with libFuzzer + AddressSanitizer.
#
#   fuzz/run.sh TARGET [SECONDS] [extra libFuzzer flags…]     (default: 120 seconds)
#
# TARGET: mime imap dns smtp pop3 managesieve sieve mailauth-records attachments pop3-client
# imap-client. Builds $FUZZ_WORK/postino-fuzz
# first if it is missing (fuzz/build.sh; FUZZ_REBUILD=1 forces it). The corpus grows in
# $FUZZ_WORK/corpus/TARGET (kept between runs), seeded from fuzz/seeds/TARGET; crashing
# inputs land in $FUZZ_WORK/artifacts/TARGET. Replay one with
#   POSTINO_FUZZ_TARGET=TARGET $FUZZ_WORK/postino-fuzz $FUZZ_WORK/artifacts/TARGET/crash-…
# Extra corpus directories (say ../shared/data/mime-samples for mime, read only) may be
# given among the flags; they are read, never written.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
target=${1:?usage: fuzz/run.sh TARGET [SECONDS] [libFuzzer flags…]}
duration=${2:-120}
shift; shift || true
work=${FUZZ_WORK:-/tmp/postino-fuzz}
export FUZZ_WORK=$work

if [ ! -x "$work/postino-fuzz" ] || [ "${FUZZ_REBUILD:-0}" = 1 ]; then
    "$here/build.sh"
fi
mkdir -p "$work/corpus/$target" "$work/artifacts/$target"
extra=()
[ "$target" = mime ] && extra+=("-dict=$here/mime.dict")
# Flags pass through; other arguments are extra corpus directories, listed after ours so
# that libFuzzer (which writes new inputs into the first directory) never writes there.
flags=() dirs=()
for arg in "$@"; do
    case "$arg" in -*) flags+=("$arg") ;; *) dirs+=("$arg") ;; esac
done

# The Swift runtime backtracer reads its own stack in a way ASan reports; a trap should
# just abort so that libFuzzer records the input.
export SWIFT_BACKTRACE=enable=no
export POSTINO_FUZZ_TARGET=$target
exec "$work/postino-fuzz" \
    -max_total_time="$duration" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$work/artifacts/$target/" -print_final_stats=1 "${extra[@]}" \
    "${flags[@]}" "$work/corpus/$target" "$here/seeds/$target" "${dirs[@]}"
