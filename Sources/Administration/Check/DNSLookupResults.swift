import DNS

/// The answers `postino check` got, by question: records, a definite "none" (NXDOMAIN or
/// no data), or no usable answer (timeout, server failure, or the 5 s budget ran out).
public struct DNSLookupResults: Sendable {
    public struct Question: Hashable, Sendable {
        public var name: String
        public var type: DNSRecordType
        public init(_ name: String, _ type: DNSRecordType) {
            self.name = name.lowercased()
            self.type = type
        }
    }

    public enum Outcome: Sendable, Hashable {
        case records([RecordData])
        /// NXDOMAIN or no data (not `.none`: assigned through an optional it would vanish).
        case absent
        case unanswered(String)
    }

    public var outcomes: [Question: Outcome] = [:]

    public init(_ outcomes: [Question: Outcome] = [:]) {
        self.outcomes = outcomes
    }

    public func outcome(_ name: String, _ type: DNSRecordType) -> Outcome {
        outcomes[Question(name, type)] ?? .unanswered("not asked")
    }

    /// The TXT strings at `name` (each record's strings joined, RFC 7208 §3.3), or the outcome.
    func texts(_ name: String) -> Result<[String], Unanswered> {
        switch outcome(name, .txt) {
        case .records(let records):
            return .success(records.compactMap { if case .txt(let txt) = $0 { return txt.text } else { return nil } })
        case .absent: return .success([])
        case .unanswered(let why): return .failure(Unanswered(reason: why))
        }
    }

    struct Unanswered: Error { var reason: String }
}

/// Asks every question at once and keeps what came back within the budget: a resolver that
/// does not answer costs the budget once, not once per question.
public enum DNSLookupGatherer {
    public static func gather(_ questions: Set<DNSLookupResults.Question>, resolver: DNSResolver,
                              budget: Duration = .seconds(5)) async -> DNSLookupResults {
        let collector = Collector()
        let tasks = questions.map { question in
            Task {
                let outcome: DNSLookupResults.Outcome
                do throws(DNSError) {
                    let answer = try await resolver.lookup(question.name, question.type)
                    outcome = .records(answer.records.map(\.data))
                } catch {
                    outcome = error.isPermanent ? .absent : .unanswered(error.description)
                }
                await collector.store(question, outcome)
            }
        }
        let clock = ContinuousClock()
        let deadline = clock.now + budget
        while clock.now < deadline, await collector.count < questions.count {
            try? await Task.sleep(for: .milliseconds(20))
        }
        for task in tasks { task.cancel() }
        var results = DNSLookupResults(await collector.outcomes)
        for question in questions where results.outcomes[question] == nil {
            results.outcomes[question] = .unanswered("no answer within \(budget.components.seconds) s")
        }
        return results
    }

    private actor Collector {
        var outcomes: [DNSLookupResults.Question: DNSLookupResults.Outcome] = [:]
        var count: Int { outcomes.count }
        func store(_ question: DNSLookupResults.Question, _ outcome: DNSLookupResults.Outcome) {
            outcomes[question] = outcome
        }
    }
}
