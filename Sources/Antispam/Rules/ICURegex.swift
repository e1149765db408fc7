import _FoundationICU
import Synchronization

/// A rule's compiled regular expression, matched with ICU's C API: the engine
/// NSRegularExpression runs on, called directly so that a text is converted to UTF-16
/// once per message instead of once per rule (Foundation copies the whole text it
/// searches at every call) and an attempt at one place costs no allocation.
///
/// The compiled pattern is only cloned, never matched: a clone carries its own match
/// state, so each caller borrows one from a pool and concurrent scans never share one
/// (ICU: cloned expressions "can be used concurrently by separate threads").
/// `_FoundationICU` is the toolchain's ICU (the one Foundation links); this file is the
/// only one that uses it.
final class ICURegex: Sendable {
    struct Options: OptionSet, Sendable {
        let rawValue: UInt32
        static let caseInsensitive = Options(rawValue: UInt32(UREGEX_CASE_INSENSITIVE.rawValue))
        /// `^` and `$` match at line boundaries.
        static let multiline = Options(rawValue: UInt32(UREGEX_MULTILINE.rawValue))
        /// `.` matches line separators too.
        static let dotAll = Options(rawValue: UInt32(UREGEX_DOTALL.rawValue))
    }

    struct CompileError: Error {}

    /// A pointer to an ICU regex, moved between threads only through the pool's lock.
    private struct Handle: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    private let compiled: Handle
    private let idle = Mutex<[Handle]>([])

    init(_ pattern: String, options: Options) throws(CompileError) {
        let units = Array(pattern.utf16)
        var status = U_ZERO_ERROR
        let pointer = units.withUnsafeBufferPointer { buffer in
            swift_uregex_open(buffer.baseAddress, Int32(buffer.count), options.rawValue, nil, &status)
        }
        guard status.rawValue <= U_ZERO_ERROR.rawValue, let pointer else { throw CompileError() }
        compiled = Handle(pointer: pointer)
    }

    deinit {
        for handle in idle.withLock({ $0 }) { swift_uregex_close(handle.pointer) }
        swift_uregex_close(compiled.pointer)
    }

    /// The first match at or after UTF-16 offset `start`. The whole text stays visible,
    /// so `\b`, `^` and look-behinds see what comes before `start`.
    func firstMatch(in text: RuleText, from start: Int) -> Range<Int>? {
        withMatcher(on: text) { regex, status in swift_uregex_find(regex, Int32(start), &status) != 0 }
    }

    /// The match that begins exactly at UTF-16 offset `start`, or nil (the text before
    /// it still visible, as in `firstMatch`).
    func match(in text: RuleText, at start: Int) -> Range<Int>? {
        withMatcher(on: text) { regex, status in swift_uregex_lookingAt(regex, Int32(start), &status) != 0 }
    }

    /// Runs `attempt` with a borrowed clone whose text is `text`; the range of group 0
    /// when it matched. An ICU error (stack or time limit on a pathological text) counts
    /// as no match, as it does for NSRegularExpression.
    private func withMatcher(on text: RuleText, _ attempt: (OpaquePointer, inout UErrorCode) -> Bool) -> Range<Int>? {
        guard let handle = borrow() else { return nil }
        defer { idle.withLock { $0.append(handle) } }
        return text.withUTF16 { units, count in
            var status = U_ZERO_ERROR
            swift_uregex_setText(handle.pointer, units, Int32(count), &status)
            guard status.rawValue <= U_ZERO_ERROR.rawValue, attempt(handle.pointer, &status),
                  status.rawValue <= U_ZERO_ERROR.rawValue else { return nil }
            let lower = swift_uregex_start(handle.pointer, 0, &status)
            let upper = swift_uregex_end(handle.pointer, 0, &status)
            guard status.rawValue <= U_ZERO_ERROR.rawValue, lower >= 0, upper >= lower else { return nil }
            return Int(lower)..<Int(upper)
        }
    }

    /// An idle clone, or a new one (nil only when ICU is out of memory: no match then).
    private func borrow() -> Handle? {
        if let handle = idle.withLock({ $0.popLast() }) { return handle }
        var status = U_ZERO_ERROR
        guard let pointer = swift_uregex_clone(compiled.pointer, &status) else { return nil }
        guard status.rawValue <= U_ZERO_ERROR.rawValue else { swift_uregex_close(pointer); return nil }
        return Handle(pointer: pointer)
    }
}
