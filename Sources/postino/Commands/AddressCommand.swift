import Administration
import ArgumentParser

struct AddressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "address", abstract: "Manage addresses (aliases) and where they deliver.",
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add an address: LOCAL@DOMAIN for one domain, LOCAL or LOCAL@* for every local domain.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The address.", valueName: "LOCAL[@DOMAIN]")) var address: String
        @Option(help: ArgumentHelp("A destination: user:NAME, group:NAME, public:NAME or an email address (repeatable).", valueName: "DEST"))
        var to: [String] = []
        @Flag(help: "Accept mail only from local senders (authenticated users, trusted networks).")
        var `internal` = false

        func validate() throws {
            if to.isEmpty { throw ValidationError("an address needs at least one --to destination") }
        }

        func run() throws {
            let destinations = try to.map { text throws(AdminError) in try AdminInput.destination(text) }
            let added = try global.administration().addAddress(address, destinations: destinations, internal: `internal`)
            print("added address \(added.address) → \(added.destinations.joined(separator: ", "))"
                  + (added.internal ? " (internal)" : ""))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List addresses.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let rows = try global.administration().addresses()
            if output.json { return try Output.json(rows) }
            Output.table(["ADDRESS", "DESTINATIONS", "INTERNAL"], rows.map {
                [$0.address, $0.destinations.joined(separator: ","), $0.internal ? "yes" : "no"]
            })
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove an address.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The address as listed.", valueName: "ADDR")) var address: String
        func run() throws {
            try global.administration().removeAddress(address)
            print("removed address \(address.lowercased())")
        }
    }
}
