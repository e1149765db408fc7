// swift-tools-version: 6.0
import PackageDescription

// Module layout: see README.md "Architecture". Heavy dependencies stay in the
// modules that need them so that pure modules (MailCore, the protocol codecs, Sieve)
// rebuild in seconds.
let nioCore = Target.Dependency.product(name: "NIOCore", package: "swift-nio")
let nioPosix = Target.Dependency.product(name: "NIOPosix", package: "swift-nio")
let nioSSL = Target.Dependency.product(name: "NIOSSL", package: "swift-nio-ssl")
let grdb = Target.Dependency.product(name: "GRDB", package: "GRDB.swift")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let nioTLS = Target.Dependency.product(name: "NIOTLS", package: "swift-nio")

let package = Package(
    name: "Postino",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "postino", targets: ["postino"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    ],
    targets: [
        // libxcrypt's crypt_r / crypt_gensalt_rn (Glibc only exposes crypt()).
        .systemLibrary(name: "CCrypt", path: "Sources/CCrypt"),
        // zlib for IMAP COMPRESS=DEFLATE (RFC 4978).
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),

        // Addresses, RFC 5322/MIME parsing and building, encodings. Foundation only.
        .target(name: "MailCore"),

        // Domains, users, groups, public mailboxes, addresses, settings, resolution, auth.
        .target(name: "Directory", dependencies: ["MailCore", "CCrypt", "Durability", grdb]),

        // Group commit (syncfs barrier), durable small files, blocking-work offload.
        .target(name: "CSystemShims"),
        .target(name: "Durability", dependencies: ["CSystemShims"]),

        // The one login path of every service: credentials, throttle, access-log lines.
        .target(name: "Authentication", dependencies: ["Directory", "Durability", "ProtocolCore", logging,
                                                       .product(name: "Metrics", package: "swift-metrics")]),

        // Pure pieces every line protocol shares: line framing, SASL responses, login
        // credentials, timeouts, the session interface the NIO driver drives.
        .target(name: "ProtocolCore", dependencies: ["MailCore"]),
        // The loop and helpers the SMTP, POP3 and ManageSieve session tests share.
        .target(name: "SessionTestSupport"),
        // MailStorage, MailDirectory, Sieve scripts/memory and queue rows kept in memory, for unit tests
        // of the sessions and delivery (test support only: not linked into postino).
        .target(name: "InMemoryStorage", dependencies: ["MailStore", "Directory", "MailCore", "SieveStore", "Spool"]),

        // Shared NIO plumbing: TLS material, listeners, STARTTLS, the session driver.
        .target(name: "ProtocolKit", dependencies: [
            "ProtocolCore", "Authentication", "Directory", nioCore, nioPosix, nioSSL, nioTLS,
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "X509", package: "swift-certificates"),
            .product(name: "SwiftASN1", package: "swift-asn1"),
        ]),

        // Pure protocol layers (codec + session state machine): no NIO, no I/O.
        .target(name: "SMTPProtocol", dependencies: ["MailCore", "ProtocolCore"]),
        .target(name: "IMAPProtocol", dependencies: ["MailCore"]),
        .target(name: "POP3Protocol", dependencies: ["MailCore", "ProtocolCore"]),
        .target(name: "ManageSieveProtocol", dependencies: ["MailCore", "ProtocolCore"]),

        // The Sieve language (RFC 5228 and extensions): parser, validator, interpreter. Pure.
        .target(name: "Sieve", dependencies: ["MailCore"]),

        // DNS resolver on SwiftNIO: codec, UDP with TCP fallback, cache.
        .target(name: "DNS", dependencies: [nioCore, nioPosix]),

        // DKIM signing and verification, disclaimers (SPF and DMARC later).
        .target(name: "MailAuth", dependencies: [
            "MailCore", "DNS",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ]),

        // The spool (accepted messages, durable before 250) and the queue's rows.
        .target(name: "Spool", dependencies: ["MailCore", "Durability"]),
        // The queue rows in postino.sqlite (GRDB).
        .target(name: "SpoolStore", dependencies: ["Spool", "Durability", grdb]),

        // Outbound: the SMTP client glue, MX routing, relay hosts, retries, DSN bounces,
        // queue management and samples.
        .target(name: "Queue", dependencies: [
            "MailCore", "Directory", "Durability", "Spool", "SMTPProtocol", "ProtocolKit", "DNS",
            "MailAuth", "Intake", nioCore, nioPosix, nioSSL, nioTLS, logging,
        ]),
        // The relay host rules in postino.sqlite (GRDB): the storage behind Queue's RelayRuleStore.
        .target(name: "RelayStore", dependencies: ["Queue", grdb]),

        // The one door every message enters by: ordered stages (sender checks, filter,
        // rewrites), the spool commit, the dispatcher.
        .target(name: "Intake", dependencies: ["MailCore", "Directory", "Durability", "Spool", logging,
                                               .product(name: "Metrics", package: "swift-metrics")]),

        // Antispam: heuristic rules, Bayes, scoring (pure but for the store protocol).
        // Rule regexes run on the toolchain's ICU (`_FoundationICU`, which Foundation links).
        .target(name: "Antispam", dependencies: ["MailCore", .product(name: "Crypto", package: "swift-crypto")],
                linkerSettings: [.linkedLibrary("_FoundationICU")]),
        // The Bayes model in postino.sqlite (GRDB).
        .target(name: "AntispamStore", dependencies: ["Antispam", "Durability", grdb]),
        // DNS blocklist lookups through the DNS module.
        .target(name: "AntispamNetwork", dependencies: ["Antispam", "DNS"]),

        // The content filter: access rules, attachment blocker, antivirus (clamd),
        // quarantine, verdict log and history, as intake stages. Pure checks; clamd behind
        // a small interface.
        .target(name: "Filter", dependencies: ["MailCore", "Directory", "Durability", "Intake", "Spool", "MailAuth", "Antispam", logging]),

        // Filter state in SQLite (access rules, scan history): the storage implementation.
        .target(name: "FilterStore", dependencies: ["Filter", "Intake", "Durability", grdb]),

        // A message's events as records (receipt, verdict, delivery attempts, bounce,
        // removal) parsed from its mail-log lines, the store interface and the trace. Pure.
        .target(name: "MessageEvents"),
        // The message events in postino.sqlite (GRDB): the storage behind MessageEventStore.
        .target(name: "EventStore", dependencies: ["MessageEvents", grdb]),

        // Maildir++ mailboxes and their SQLite index (UIDs, flags, MODSEQ, quota, ACLs).
        .target(name: "MailStore", dependencies: ["MailCore", "Durability", grdb,
                                                 .product(name: "GRDBSQLite", package: "GRDB.swift")]),

        // Local delivery agent: spool → (Sieve) → quota → MailStore.
        .target(name: "Delivery", dependencies: [
            "MailCore", "Directory", "Durability", "Spool", "MailStore", "Sieve", "SieveStore", "IMAPProtocol", "Intake", logging,
        ]),
        // Local delivery's unit of work in postino.sqlite (GRDB): index, queue rows and quota
        // usage in one transaction, the storage behind Delivery's LocalDeliveryLedger.
        .target(name: "DeliveryStore", dependencies: ["Delivery", "MailStore", "Spool", "SpoolStore", "Directory", grdb]),

        // SMTP server glue: listeners, policy (relay, recipients), spooling, AUTH.
        .target(name: "SMTPServer", dependencies: [
            "SMTPProtocol", "ProtocolKit", "MailCore", "Directory", "Durability", "Spool", "MailStore",
            "Delivery", "Intake", "Authentication", nioCore, nioSSL, nioTLS, logging,
            .product(name: "Metrics", package: "swift-metrics"),
        ]),

        // IMAP server: session logic over MailStore and the SwiftNIO glue.
        .target(name: "IMAPServer", dependencies: [
            "IMAPProtocol", "ProtocolKit", "MailCore", "Directory", "Durability", "MailStore", "CZlib", "Authentication",
            nioCore, nioSSL, nioTLS, logging, .product(name: "Crypto", package: "swift-crypto"),
        ]),

        // Bayes training from Junk (IMAP moves, durable queue) and Junk retention.
        .target(name: "SpamTraining", dependencies: [
            "Antispam", "Directory", "Durability", "IMAPServer", "MailStore", logging,
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),

        // POP3 server glue: maildrop listing and locks over MailStore, message streaming.
        .target(name: "POP3Server", dependencies: [
            "POP3Protocol", "ProtocolKit", "Directory", "Durability", "MailStore", "Authentication", nioCore, nioSSL, nioTLS, logging,
        ]),

        // Clients of remote mail servers (connectors, sync): the TLS-capable transport and
        // the IMAP and POP3 drivers over the protocol modules' client codecs.
        .target(name: "MailClient", dependencies: [
            "IMAPProtocol", "POP3Protocol", "MailCore", nioCore, nioPosix, nioSSL, logging,
        ]),

        // Connectors (SPEC 9): external POP3/IMAP accounts fetched through the intake
        // pipeline, never twice; the account model, the ConnectorStore interface, the
        // fetchers and their scheduler service.
        .target(name: "Connectors", dependencies: [
            "MailClient", "POP3Protocol", "IMAPProtocol", "MailCore", "Intake", "Spool", "Durability", logging,
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        // Connector accounts, fetched-message memory and status in postino.sqlite (GRDB).
        .target(name: "ConnectorStore", dependencies: ["Connectors", "MailClient", "Durability", grdb]),

        // Synchronization (SPEC 9): a remote IMAP account copied into a local user; jobs,
        // folder mapping, skip rule, the engine; state behind SyncStore.
        .target(name: "Sync", dependencies: [
            "MailClient", "IMAPProtocol", "MailStore", "MailCore", "Durability", logging,
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Synchronization jobs and copied-message links in postino.sqlite (GRDB).
        .target(name: "SyncStore", dependencies: ["Sync", "MailStore", "Durability", grdb]),

        // Users' Sieve scripts on disk, and what delivery remembers for Sieve (vacation,
        // duplicate, reported errors).
        .target(name: "SieveStore", dependencies: ["Durability", grdb]),

        // ManageSieve server glue (port 4190) over the script store and the Sieve compiler.
        .target(name: "ManageSieveServer", dependencies: [
            "ManageSieveProtocol", "ProtocolKit", "Directory", "Durability", "Sieve", "SieveStore", "Authentication",
            nioCore, nioSSL, nioTLS, logging,
        ]),

        // Wiring: data directory, configuration, logging, service lifecycle, the services.
        .target(name: "PostinoServer", dependencies: [
            "MailCore", "Directory", "ProtocolKit", "Durability", "Spool", "SpoolStore", "MailStore", "Delivery", "DeliveryStore", "RelayStore",
            "SMTPProtocol", "SMTPServer", "POP3Server", "IMAPServer", "ManageSieveServer", "SieveStore", "Queue",
            "Intake", "Filter", "FilterStore", "MailAuth", "DNS", "Authentication", nioCore, nioPosix, nioSSL, logging,
            "Administration", "AdminHTTP", "AdminStore", "MessageEvents", "EventStore", "CZlib",
            "Connectors", "ConnectorStore", "MailClient", "SpamTraining", "Antispam", "AntispamStore", "SyncStore", "AntispamNetwork",
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),

        // Every administration operation and row type (domains, users, groups, public
        // mailboxes, addresses, settings, DKIM, relay, queue) with its validation: the CLI
        // and the REST API call it. No GRDB here: it uses the stores' APIs.
        .target(name: "Administration", dependencies: [
            "Directory", "MailCore", "MailAuth", "MailStore", "Queue", "RelayStore", "Spool", "SpoolStore", "MessageEvents", "Filter", "Intake", "Antispam",
            "DNS", "Connectors", "MailClient", "Sync", .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "X509", package: "swift-certificates"),  // postino check: the TLS certificate
        ]),

        // Administrator login tokens in postino.sqlite (GRDB): the storage behind AdminTokenStore.
        .target(name: "AdminStore", dependencies: ["Administration", grdb]),

        // The REST API on the admin listener (Hummingbird: the only module importing it).
        .target(name: "AdminHTTP", dependencies: [
            "Administration", "Authentication", "Directory", "Durability", "MailCore", "Queue", logging, nioCore, nioSSL,
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "HummingbirdTLS", package: "hummingbird"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Mustache", package: "swift-mustache"),
        ]),

        .executableTarget(name: "postino", dependencies: [
            "Administration", "AdminStore", "Sync", "SyncStore", "MailClient", "MailStore", "PostinoServer", "Directory", "MailCore", "Sieve", "DNS", "MailAuth", "Queue", "Antispam", "AntispamStore",
            "Intake", "Filter", "FilterStore", "Spool", "SpoolStore", "Durability", "MessageEvents", "EventStore", logging,
            "Connectors", "ConnectorStore", "IMAPServer",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "MailCoreTests", dependencies: ["MailCore"]),
        .testTarget(name: "ProtocolCoreTests", dependencies: ["ProtocolCore", "MailCore"]),
        .testTarget(name: "AntispamTests", dependencies: ["Antispam", "AntispamStore", "AntispamNetwork", "MailCore"]),
        .testTarget(name: "SMTPProtocolTests", dependencies: ["SMTPProtocol", "SessionTestSupport"]),
        .testTarget(name: "IMAPProtocolTests", dependencies: ["IMAPProtocol", "MailCore"]),
        .testTarget(name: "POP3ProtocolTests", dependencies: ["POP3Protocol", "MailCore", "SessionTestSupport"]),
        .testTarget(name: "ConnectorsTests", dependencies: ["Connectors", "ConnectorStore", "MailClient", "Durability", grdb]),
        .testTarget(name: "ManageSieveProtocolTests", dependencies: ["ManageSieveProtocol", "SessionTestSupport"]),
        .testTarget(name: "SieveTests", dependencies: ["Sieve", "MailCore"]),
        .testTarget(name: "DNSTests", dependencies: ["DNS", "MailCore"]),
        .testTarget(name: "MailAuthTests", dependencies: [
            "MailAuth", "MailCore",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ]),
        .testTarget(name: "DirectoryTests", dependencies: ["Directory", "InMemoryStorage"]),
        .testTarget(name: "AuthenticationTests", dependencies: ["Authentication", "Directory", logging]),
        .testTarget(name: "AdminHTTPTests", dependencies: [
            "AdminHTTP", "Administration", .product(name: "Metrics", package: "swift-metrics"),
        ]),
        .testTarget(name: "AdminStoreTests", dependencies: ["AdminStore", "Administration", "Directory"]),
        .testTarget(name: "AdministrationTests", dependencies: ["Administration", "Directory", "MailCore", "MailStore", "Durability", "Spool", "SpoolStore", "DNS"]),
        .testTarget(name: "MessageEventsTests", dependencies: ["MessageEvents", "EventStore", grdb]),
        .testTarget(name: "DurabilityTests", dependencies: ["Durability"]),
        .testTarget(name: "SpoolTests", dependencies: ["Spool", "SpoolStore", "Durability", "InMemoryStorage", grdb]),
        .testTarget(name: "QueueTests", dependencies: [
            "Queue", "RelayStore", "Spool", "SpoolStore", "SMTPProtocol", "MailCore", "Directory", "Durability", "MailAuth", "Intake", grdb, logging,
        ]),
        .testTarget(name: "MailStoreTests", dependencies: ["MailStore", "Durability", grdb]),
        .testTarget(name: "DeliveryTests", dependencies: [
            "Delivery", "DeliveryStore", "Directory", "Durability", "InMemoryStorage", "Intake", "MailCore", "MailStore", "SieveStore", "Spool", "SpoolStore",
            "IMAPServer", "IMAPProtocol", "Authentication", nioSSL, logging, grdb,
        ]),
        .testTarget(name: "ManageSieveServerTests", dependencies: [
            "ManageSieveServer", "ManageSieveProtocol", "InMemoryStorage", "SieveStore", logging,
        ]),
        .testTarget(name: "SMTPServerTests", dependencies: [
            "SMTPServer", "SMTPProtocol", "InMemoryStorage", "Directory", "MailCore", "MailStore", "Spool",
        ]),
        .testTarget(name: "IMAPServerTests", dependencies: [
            "IMAPServer", "MailStore", "IMAPProtocol", "InMemoryStorage", "Directory", "Authentication", nioSSL, logging,
        ]),
        .testTarget(name: "PostinoServerTests", dependencies: ["PostinoServer"]),
        .testTarget(name: "IntakeTests", dependencies: ["Intake", "Spool", "SpoolStore", "Durability", "Directory", "InMemoryStorage", grdb, logging]),
        .testTarget(name: "FilterTests", dependencies: ["Filter", "Intake"]),
        .testTarget(name: "MailClientTests", dependencies: ["MailClient", "IMAPProtocol", nioCore, nioPosix]),
        .testTarget(name: "SyncTests", dependencies: ["Sync", "IMAPProtocol"]),
        .testTarget(name: "ProtocolKitTests", dependencies: [
            "ProtocolKit", nioSSL,
            .product(name: "X509", package: "swift-certificates"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
