// swift-tools-version: 6.0
import PackageDescription

// Module layout: see README.md "Architecture". Heavy dependencies stay in the
// modules that need them so that pure modules (MailCore) rebuild in seconds.
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
    ],
    targets: [
        // libxcrypt's crypt_r / crypt_gensalt_rn (Glibc only exposes crypt()).
        .systemLibrary(name: "CCrypt", path: "Sources/CCrypt"),

        // Addresses, RFC 5322/MIME parsing and building, encodings. Foundation only.
        .target(name: "MailCore"),

        // Domains, users, groups, public mailboxes, addresses, settings, resolution, auth.
        .target(name: "Directory", dependencies: [
            "MailCore", "CCrypt",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),

        // Shared protocol plumbing: line framing, SASL, TLS material.
        .target(name: "ProtocolKit", dependencies: [
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "X509", package: "swift-certificates"),
            .product(name: "SwiftASN1", package: "swift-asn1"),
        ]),

        // SMTP codec (commands, replies, DATA/BDAT framing) and the pure session state
        // machine. No NIO, no I/O: unit-tested and fuzzed without sockets.
        .target(name: "SMTPProtocol", dependencies: ["MailCore"]),

        // Wiring: data directory, configuration, logging, service lifecycle.
        .target(name: "PostinoServer", dependencies: [
            "MailCore", "Directory", "ProtocolKit",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        .executableTarget(name: "postino", dependencies: [
            "PostinoServer", "Directory", "MailCore",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "MailCoreTests", dependencies: ["MailCore"]),
        .testTarget(name: "SMTPProtocolTests", dependencies: ["SMTPProtocol"]),
        .testTarget(name: "DirectoryTests", dependencies: ["Directory"]),
        .testTarget(name: "PostinoServerTests", dependencies: ["PostinoServer"]),
        .testTarget(name: "ProtocolKitTests", dependencies: [
            "ProtocolKit",
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "X509", package: "swift-certificates"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
