import Administration
import ArgumentParser

struct PublicCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "public", abstract: "Manage public (shared) mailboxes owned by groups.",
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a public mailbox owned by one or more groups.")
        @OptionGroup var global: GlobalOptions
        @Argument var name: String
        @Option(help: ArgumentHelp("An owning group (repeatable).", valueName: "GROUP")) var group: [String] = []

        func validate() throws {
            if group.isEmpty { throw ValidationError("a public mailbox needs at least one owning --group") }
        }

        func run() throws {
            let mailbox = try global.administration().addPublicMailbox(name, groups: group)
            print("added public mailbox \(mailbox.name) owned by \(mailbox.groups.joined(separator: ", "))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List public mailboxes.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let rows = try global.administration().publicMailboxes()
            if output.json { return try Output.json(rows) }
            Output.table(["PUBLIC MAILBOX", "GROUPS"], rows.map { [$0.name, $0.groups.joined(separator: ",")] })
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a public mailbox (its stored mail stays on disk).")
        @OptionGroup var global: GlobalOptions
        @Argument var name: String
        func run() throws {
            try global.administration().removePublicMailbox(name)
            print("removed public mailbox \(name.lowercased())")
        }
    }
}
