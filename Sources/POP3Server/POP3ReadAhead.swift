/// Clients retrieve a maildrop in order (RETR 1, RETR 2… often pipelined), so when one
/// small message has to be read, the few after it are read in the same trip off the event
/// loop and kept here until asked for. Bounded in count and bytes per connection.
struct POP3ReadAhead {
    static let maximumMessages = 32
    static let maximumBytes = 256 * 1024

    private var held: [Int: [UInt8]] = [:]

    /// The bytes of message `number` if they were read ahead (handed over once).
    mutating func take(_ number: Int) -> [UInt8]? {
        held.removeValue(forKey: number)
    }

    /// Message numbers to read together with `number` (which comes first): the following
    /// ones, while each is at most `wholeReadLimit` octets and the total stays in budget.
    func batch(startingAt number: Int, sizes: [Int], wholeReadLimit: Int) -> [Int] {
        var numbers = [number]
        var total = sizes[number - 1]
        var next = number + 1
        while next <= sizes.count, numbers.count < Self.maximumMessages, held[next] == nil {
            let size = sizes[next - 1]
            guard size <= wholeReadLimit, total + size <= Self.maximumBytes else { break }
            numbers.append(next)
            total += size
            next += 1
        }
        return numbers
    }

    mutating func keep(_ number: Int, _ bytes: [UInt8]) {
        held[number] = bytes
    }

    mutating func clear() {
        held.removeAll()
    }
}
