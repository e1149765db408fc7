import Hummingbird

/// The web admin UI at `/` on the admin listener: server-rendered pages (Mustache
/// templates compiled into the binary) over the same `Administration` operations as the
/// REST API, with our own CSS and JavaScript. Every page needs the session cookie of
/// `POST /login` (else `303` to `/login`); every form carries the session's CSRF token.
enum WebUI {
    /// Paths the UI answers itself (its own login redirect and HTML errors), so the API's
    /// bearer-token middleware lets them through.
    static func owns(_ path: String) -> Bool {
        !(path == "/api" || path.hasPrefix("/api/") || path == "/metrics")
    }

    static func add(to router: Router<AdminRequestContext>, api: AdminAPI) {
        let ui = UIRouter(router: router, api: api)
        AssetRoutes().add(to: router)
        LoginPage(api: api).add(to: router, ui: ui)
        DashboardPage(api: api).add(to: ui)
        DomainsPage(api: api).add(to: ui)
        DomainPage(api: api).add(to: ui)
        ClientConfigPage(api: api).add(to: ui)
        MailboxesPage(api: api).add(to: ui)
        UserPage(api: api).add(to: ui)
        GroupPage(api: api).add(to: ui)
        PublicMailboxPage(api: api).add(to: ui)
        AddressesPage(api: api).add(to: ui)
        AddressPage(api: api).add(to: ui)
        QueuePage(api: api).add(to: ui)
        RelayPage(api: api).add(to: ui)
        SettingsPage(api: api).add(to: ui)
        FilterPage(api: api).add(to: ui)
        LogsPage(api: api).add(to: ui)
        ConnectorsPage(api: api).add(to: ui)
        ConnectorPage(api: api).add(to: ui)
        SyncPage(api: api).add(to: ui)
        SyncJobPage(api: api).add(to: ui)
    }
}
