import PostinoServer

/// The protocol services compiled into this binary. Each protocol issue adds its entry.
enum ServiceCatalog {
    static let implemented: [ServiceName: any NetworkService] = [:]
}
