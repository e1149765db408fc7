#!/usr/bin/env bash
# Builds the one fuzz executable, $FUZZ_WORK/postino-fuzz (default /tmp/postino-fuzz), with
# libFuzzer + AddressSanitizer, outside SwiftPM (normal builds are unaffected).
#
#   fuzz/build.sh            -O (campaigns)
#   FUZZ_OPT=-Onone fuzz/build.sh
#
# The pure modules the targets need (MailCore, IMAPProtocol, SMTPProtocol, POP3Protocol,
# ManageSieveProtocol, Sieve, and DNS's codec without NIO) are compiled from their
# sources as static libraries with -enable-testing, so the targets in fuzz/Targets/ can
# `@testable import` them and check internal invariants; then fuzz/Targets is linked into
# one executable. The target is chosen at run time by POSTINO_FUZZ_TARGET.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
work=${FUZZ_WORK:-/tmp/postino-fuzz}
mods="$work/modules"
mkdir -p "$mods"
flags=(-parse-as-library -sanitize=fuzzer,address -g -swift-version 6 -suppress-warnings -enable-testing
       "${FUZZ_OPT:--O}" -I "$mods")

module() {  # module NAME SOURCE...: a static library and its .swiftmodule in $mods
    local name=$1; shift
    swiftc "${flags[@]}" -module-name "$name" -emit-module -emit-module-path "$mods/$name.swiftmodule" \
        -emit-library -static -o "$mods/lib$name.a" "$@"
}
sources() { find "$@" -name '*.swift' | sort; }

start=$(date +%s)
module MailCore $(sources "$root/Sources/MailCore")
pids=()
module IMAPProtocol $(sources "$root/Sources/IMAPProtocol") & pids+=($!)
module SMTPProtocol $(sources "$root/Sources/SMTPProtocol") & pids+=($!)
module POP3Protocol $(sources "$root/Sources/POP3Protocol") & pids+=($!)
module ManageSieveProtocol $(sources "$root/Sources/ManageSieveProtocol") & pids+=($!)
module Sieve $(sources "$root/Sources/Sieve") & pids+=($!)
module DNS $(sources "$root/Sources/DNS/Codec") "$root/Sources/DNS/Resolver/NameserverAddress.swift" \
    "$root/Sources/DNS/Resolver/ResolverConfiguration.swift" & pids+=($!)
for pid in "${pids[@]}"; do wait "$pid"; done
# gold warns once per ASan helper symbol it cannot export ("Cannot export local symbol"):
# harmless, and hundreds of lines.
swiftc "${flags[@]}" -module-name PostinoFuzz $(sources "$here/Targets") \
    "$mods"/lib{IMAPProtocol,SMTPProtocol,POP3Protocol,ManageSieveProtocol,Sieve,DNS,MailCore}.a \
    -o "$work/postino-fuzz" 2>&1 | { grep -v "Cannot export local symbol" || true; }
[ "${PIPESTATUS[0]}" -eq 0 ] || exit 1
echo "built $work/postino-fuzz in $(( $(date +%s) - start )) s"
