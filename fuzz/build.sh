#!/usr/bin/env bash
# Builds the one fuzz executable, $FUZZ_WORK/postino-fuzz (default /tmp/postino-fuzz), with
# libFuzzer + AddressSanitizer, outside SwiftPM (normal builds are unaffected).
#
#   fuzz/build.sh            -O (campaigns)
#   FUZZ_OPT=-Onone fuzz/build.sh
#   FUZZ_RELINK=1 fuzz/build.sh    only fuzz/Targets again, over the modules already built
#
# The pure modules the targets need (MailCore, IMAPProtocol, SMTPProtocol, POP3Protocol,
# ManageSieveProtocol, Sieve, DNS's codec without NIO, MailAuth's record parsers without
# swift-crypto, Filter's attachment detector) are compiled from their
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

# A module is rebuilt only when its key changed: its sources, the flags, the compiler, and
# what it imports ($base: MailCore and ProtocolCore; MailAuth adds DNS's key). CI runs
# reuse $FUZZ_WORK, and most commits touch few of these modules.
module() {  # module NAME SOURCE...: a static library and its .swiftmodule in $mods
    local name=$1; shift
    local key
    key=$({ printf '%s\n' "${flags[@]}" "$base" "$@"; cat "$@"; } | sha256sum | cut -c1-32)
    if [ -f "$mods/lib$name.a" ] && [ "$(cat "$mods/$name.key" 2>/dev/null)" = "$key" ]; then return 0; fi
    rm -f "$mods/$name.key"
    swiftc "${flags[@]}" -module-name "$name" -emit-module -emit-module-path "$mods/$name.swiftmodule" \
        -emit-library -static -o "$mods/lib$name.a" "$@"
    echo "$key" >"$mods/$name.key"
}
sources() { find "$@" -name '*.swift' | sort; }

build_modules() {
    base=$(swiftc --version 2>&1)
    module MailCore $(sources "$root/Sources/MailCore")
    base="$base $(cat "$mods/MailCore.key")"
    # The pure pieces the line protocols share (line framing, SASL), when the tree has them.
    if [ -d "$root/Sources/ProtocolCore" ]; then
        module ProtocolCore $(sources "$root/Sources/ProtocolCore")
        base="$base $(cat "$mods/ProtocolCore.key")"
    fi
    local pids=()
    module IMAPProtocol $(sources "$root/Sources/IMAPProtocol") & pids+=($!)
    module SMTPProtocol $(sources "$root/Sources/SMTPProtocol") & pids+=($!)
    module POP3Protocol $(sources "$root/Sources/POP3Protocol") & pids+=($!)
    module ManageSieveProtocol $(sources "$root/Sources/ManageSieveProtocol") & pids+=($!)
    module Sieve $(sources "$root/Sources/Sieve") & pids+=($!)
    # MailAuth's record parsers and canonicalizations need the DNS codec (addresses) and
    # neither swift-crypto nor the resolver: the files below, built once DNS is.
    local auth="$root/Sources/MailAuth"
    {
        module DNS $(sources "$root/Sources/DNS/Codec") "$root/Sources/DNS/Resolver/NameserverAddress.swift" \
            "$root/Sources/DNS/Resolver/ResolverConfiguration.swift"
        base="$base $(cat "$mods/DNS.key")" module MailAuth "$auth"/Support/{Bytes,StrictBase64,DNSNameSyntax,LineEndings}.swift "$auth"/DKIM/Signature/*.swift \
            "$auth"/DKIM/Canonicalization/DKIM{Canonicalization,BodyCanonicalizer,HeaderCanonicalizer}.swift \
            "$auth"/DKIM/Verification/DKIMKeyRecord.swift "$auth"/SPF/{SPFRecord,SPFMacroString,SPFResult,SPFAddress}.swift \
            "$auth"/DMARC/DMARCRecord.swift
    } & pids+=($!)
    # The attachment detector of Filter (MailCore only).
    module Filter $(sources "$root/Sources/Filter/Attachments") & pids+=($!)
    for pid in "${pids[@]}"; do wait "$pid"; done
}

start=$(date +%s)
[ "${FUZZ_RELINK:-0}" = 1 ] || build_modules
core=()
if [ -d "$root/Sources/ProtocolCore" ]; then
    core=("$mods/libProtocolCore.a")
else  # a module left from another tree must not make `canImport(ProtocolCore)` true
    rm -f "$mods"/ProtocolCore.swiftmodule "$mods"/libProtocolCore.a "$mods"/ProtocolCore.key
fi
# gold warns once per ASan helper symbol it cannot export ("Cannot export local symbol"):
# harmless, and hundreds of lines.
swiftc "${flags[@]}" -module-name PostinoFuzz $(sources "$here/Targets") \
    "$mods"/lib{IMAPProtocol,SMTPProtocol,POP3Protocol,ManageSieveProtocol,Sieve,MailAuth,Filter,DNS}.a "${core[@]}" "$mods/libMailCore.a" \
    -o "$work/postino-fuzz" 2>&1 | { grep -v "Cannot export local symbol" || true; }
[ "${PIPESTATUS[0]}" -eq 0 ] || exit 1
echo "built $work/postino-fuzz in $(( $(date +%s) - start )) s"
