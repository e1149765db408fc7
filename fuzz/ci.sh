#!/usr/bin/env bash
# The CI fuzz phase: builds the fuzz executable once, then runs every target for
# FUZZ_SECONDS (default 5) from fuzz/seeds only, with a fresh corpus. A crash, leak,
# timeout or invariant violation fails the phase, and the input is printed (hex, and the
# command to replay it).
#
#   fuzz/ci.sh [TARGET…]        (default: every target)
#   FUZZ_SECONDS=60 FUZZ_SKIP_BUILD=1 FUZZ_FLAGS=-jobs=2 fuzz/ci.sh smtp
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
work=${FUZZ_WORK:-/tmp/postino-fuzz-ci}
export FUZZ_WORK=$work
seconds=${FUZZ_SECONDS:-5}
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(mime imap dns smtp pop3 managesieve sieve mailauth-records attachments pop3-client imap-client)

rm -rf "$work/corpus" "$work/artifacts"
# -Onone builds in about half the time of -O; a short run gains little from -O.
# FUZZ_SKIP_BUILD=1 reuses $FUZZ_WORK/postino-fuzz (reruns on a workstation).
if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ]; then
    FUZZ_OPT=${FUZZ_OPT:--Onone} "$here/build.sh" || exit 1
fi

failed=()
export SWIFT_BACKTRACE=enable=no
for target in "${targets[@]}"; do
    mkdir -p "$work/corpus/$target" "$work/artifacts/$target"
    log="$work/$target.log"
    extra=()
    [ "$target" = mime ] && extra+=("-dict=$here/mime.dict")
    POSTINO_FUZZ_TARGET=$target "$work/postino-fuzz" \
        -seed="${FUZZ_SEED:-1}" -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$work/artifacts/$target/" -print_final_stats=1 "${extra[@]}" ${FUZZ_FLAGS:-} \
        "$work/corpus/$target" "$here/seeds/$target" >"$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -1)
    if [ $rc -eq 0 ]; then
        echo "fuzz $target: ok, ${execs:-?} runs, ${cov:-cov: ?} in ${seconds} s"
        continue
    fi
    failed+=("$target")
    echo "fuzz $target: FAILED (exit $rc)"
    grep -E "invariant violated|Fatal error|ERROR: |SUMMARY: " "$log" | head -10
    for input in "$work/artifacts/$target"/*; do
        [ -f "$input" ] || continue
        echo "input $(basename "$input") ($(wc -c <"$input") bytes):"
        od -A x -t x1z -v "$input" | head -40
        echo "replay: POSTINO_FUZZ_TARGET=$target $work/postino-fuzz $input"
    done
done
[ ${#failed[@]} -eq 0 ] || { echo "fuzz: failed: ${failed[*]}"; exit 1; }
