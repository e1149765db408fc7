import Hummingbird
import Mustache

/// The top navigation's entries, in order.
enum UISection: String, CaseIterable, Sendable {
    case dashboard, domains, mailboxes, addresses, filter, connectors, sync, queue, relay, logs, settings

    var title: String {
        switch self {
        case .dashboard: "Dashboard"
        case .domains: "Domains"
        case .mailboxes: "Mailboxes"
        case .addresses: "Addresses"
        case .filter: "Filter"
        case .connectors: "Connectors"
        case .sync: "Synchronization"
        case .queue: "Queue"
        case .relay: "Relay"
        case .logs: "Logs"
        case .settings: "Settings"
        }
    }

    var path: String { self == .dashboard ? "/" : "/" + rawValue }
}

/// Renders the templates of `UITemplates` (compiled into the binary as Swift strings, so a
/// copied `postino` binary needs no resource bundle beside it).
enum UIRenderer {
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in UITemplates.all {
            do { try library.register(text, named: name) } catch {
                // A template is part of the program: a syntax error is a bug the unit tests catch.
                preconditionFailure("admin UI template \(name) does not parse: \(error)")
            }
        }
        return library
    }()

    /// One template with `data` (Mustache escapes every `{{value}}` for HTML).
    static func render(_ template: String, _ data: [String: Any]) -> String {
        guard let text = library.render(data, withTemplate: template) else {
            preconditionFailure("no admin UI template named \(template)")
        }
        return text
    }

    /// A page of the logged-in UI: the template inside the layout (navigation, logout,
    /// the `done` notice of a redirect after a change).
    static func page(_ template: String, title: String, section: UISection, _ ui: UIRequest, _ data: [String: Any],
                     status: HTTPResponse.Status = .ok) -> Response {
        var data = data
        data["csrf"] = ui.csrf
        let body = render(template, data)
        let nav: [[String: Any]] = UISection.allCases.map {
            ["href": $0.path, "label": $0.title, "current": $0 == section]
        }
        var layout: [String: Any] = ["title": title, "body": body, "nav": nav, "user": ui.user, "csrf": ui.csrf]
        // Mustache treats "" as true: only a real notice is passed.
        if let notice = ui.query["done"], !notice.isEmpty { layout["notice"] = notice }
        return UIResponse.html(render("layout", layout), status: status)
    }
}
