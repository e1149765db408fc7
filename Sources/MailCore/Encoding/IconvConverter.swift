#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Converts bytes to UTF-8 with the C library's iconv. Invalid input never stops the
/// conversion: each offending byte becomes U+FFFD and decoding resumes after it.
enum IconvConverter {
    /// The UTF-8 output and how many replacement characters had to be inserted, or nil
    /// when the converter does not exist.
    static func convertToUTF8(_ input: UnsafeRawBufferPointer, from charset: String) -> (utf8: [UInt8], errors: Int)? {
        let cd = iconv_open("UTF-8", charset)
        guard let cd, Int(bitPattern: cd) != -1 else { return nil }
        defer { iconv_close(cd) }
        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
        var output = [UInt8]()
        output.reserveCapacity(input.count * 2 + 16)
        var errors = 0
        let chunkSize = 8192
        let chunk = UnsafeMutablePointer<CChar>.allocate(capacity: chunkSize)
        defer { chunk.deallocate() }

        guard let base = input.baseAddress, input.count > 0 else { return ([], 0) }
        var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: CChar.self))
        var inLeft = input.count
        func drain(_ produced: Int) {
            chunk.withMemoryRebound(to: UInt8.self, capacity: produced) {
                output.append(contentsOf: UnsafeBufferPointer(start: $0, count: produced))
            }
        }
        while inLeft > 0 {
            var outPointer: UnsafeMutablePointer<CChar>? = chunk
            var outLeft = chunkSize
            let result = iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft)
            drain(chunkSize - outLeft)
            if result != -1 { break }
            let code = errno
            if code == E2BIG { continue }
            // EILSEQ (invalid sequence) or EINVAL (truncated sequence at the end):
            // replace one byte and carry on.
            errors += 1
            output.append(contentsOf: replacement)
            if code == EILSEQ || code == EINVAL, inLeft > 0 {
                inPointer = inPointer.map { $0 + 1 }
                inLeft -= 1
            } else {
                break
            }
        }
        // Flush a stateful converter's pending output (shift sequences).
        var outPointer: UnsafeMutablePointer<CChar>? = chunk
        var outLeft = chunkSize
        _ = iconv(cd, nil, nil, &outPointer, &outLeft)
        drain(chunkSize - outLeft)
        return (output, errors)
    }
}
