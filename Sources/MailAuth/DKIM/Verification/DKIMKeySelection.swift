/// Picks the key record a signature uses from what the key lookup gave (RFC 6376
/// §6.1.2): the first record that parses, at most 8 tried. Shared by DKIM and ARC.
enum DKIMKeySelection {
    enum Failure: Error {
        /// No usable record: `permerror` for DKIM.
        case permanent(String)
        /// The lookup did not complete: `temperror` for DKIM.
        case temporary(String)
    }

    static func record(from lookup: DKIMKeyLookup) -> Result<DKIMKeyRecord, Failure> {
        switch lookup {
        case .notFound:
            return .failure(.permanent("no key for signature"))
        case .temporaryFailure(let why):
            return .failure(.temporary("key unavailable: \(why)"))
        case .records(let texts):
            var firstError: DKIMKeyRecordError?
            for text in texts.prefix(8) {
                do {
                    return .success(try DKIMKeyRecord(txt: text))
                } catch {
                    firstError = firstError ?? error
                }
            }
            return .failure(.permanent(firstError?.description ?? "no key for signature"))
        }
    }
}
