/// Placeholder until the module's first real file lands: see Package.swift for its role.
enum POP3ProtocolModule {}
