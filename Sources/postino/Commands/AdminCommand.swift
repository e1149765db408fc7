import Administration
import AdminStore
import ArgumentParser

/// `postino admin token create|list|revoke`: API tokens for scripts that call the REST API
/// (`Authorization: Bearer TOKEN`). A token works at once, also against a running `serve`.
struct AdminCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin", abstract: "Administration over HTTP: API tokens for the REST API.",
        subcommands: [Token.self])

    struct Token: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "token",
            abstract: "Create, list and revoke API tokens.", subcommands: [Create.self, List.self, Revoke.self])

        struct Create: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a token; prints it alone on the last line, once.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: ArgumentHelp("The token's name (letters, digits, '-', '_', '.').", valueName: "NAME")) var name: String
            @Option(help: ArgumentHelp("The administrator it acts for (default: admin, or the first administrator).", valueName: "USER"))
            var user: String?

            func run() throws {
                let tokens = try global.adminTokens()
                let owner: String
                if let user { owner = user.lowercased() } else {
                    let administrators = try tokens.directory.administrators()
                    guard let first = administrators.contains("admin") ? "admin" : administrators.first else {
                        throw AdminError.invalidInput("there is no administrator; give one with --user")
                    }
                    owner = first
                }
                let text = try tokens.createAPIToken(name: name, user: owner)
                print("created API token \(name) for \(owner); it is shown only this once:")
                print(text)
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List the API tokens (never their secrets).")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var output: OutputOptions

            func run() throws {
                let rows = try global.adminTokens().apiTokens()
                if output.json { return try Output.json(rows) }
                Output.table(["NAME", "USER", "CREATED"], rows.map { [$0.name, $0.user, $0.created] })
            }
        }

        struct Revoke: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke an API token: it stops working at once.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: ArgumentHelp("The token's name.", valueName: "NAME")) var name: String

            func run() throws {
                try global.adminTokens().revokeAPIToken(name: name)
                print("revoked API token \(name)")
            }
        }
    }
}

extension GlobalOptions {
    /// The REST API's tokens in this data directory's database.
    func adminTokens() throws -> AdminTokens {
        let directory = try openDirectory()
        return AdminTokens(store: try SQLiteAdminTokenStore(database: directory.database), directory: directory)
    }
}
