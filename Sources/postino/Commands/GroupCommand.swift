import Administration
import ArgumentParser

struct GroupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "group", abstract: "Manage groups of users (and their group@domain addresses).",
        subcommands: [Add.self, Remove.self, List.self, Member.self, Set.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a group.")
        @OptionGroup var global: GlobalOptions
        @Argument var name: String
        func run() throws {
            let group = try global.administration().addGroup(name)
            print("added group \(group.name)")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a group (refused while an address or public mailbox uses it).")
        @OptionGroup var global: GlobalOptions
        @Argument var name: String
        func run() throws {
            try global.administration().removeGroup(name)
            print("removed group \(name.lowercased())")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List groups and their members.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let admin = try global.administration()
            let rows = try admin.groups()
            if output.json { return try Output.json(rows) }
            // A group's address works only while the global switch is on as well.
            let globalSwitch = try admin.settingValue("groups.addresses") == "true"
            Output.table(["GROUP", "ADDRESS", "MEMBERS"], rows.map {
                let address = !$0.address_enabled ? "off"
                    : globalSwitch ? "on" : "off (groups.addresses is false)"
                return [$0.name, address, $0.members.isEmpty ? "-" : $0.members.joined(separator: ",")]
            })
        }
    }

    struct Member: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "member",
            abstract: "Add or remove group members.", subcommands: [AddMember.self, RemoveMember.self])

        struct AddMember: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Add USER to GROUP.")
            @OptionGroup var global: GlobalOptions
            @Argument var group: String
            @Argument var user: String
            func run() throws {
                try global.administration().addMember(group: group, user: user)
                print("added \(user.lowercased()) to group \(group.lowercased())")
            }
        }

        struct RemoveMember: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove USER from GROUP.")
            @OptionGroup var global: GlobalOptions
            @Argument var group: String
            @Argument var user: String
            func run() throws {
                try global.administration().removeMember(group: group, user: user)
                print("removed \(user.lowercased()) from group \(group.lowercased())")
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Switch this group's automatic group@domain address (needs the groups.addresses setting on).")
        @OptionGroup var global: GlobalOptions
        @Argument var name: String
        @Option(help: "The group's address on or off.") var address: Switch
        func run() throws {
            try global.administration().setGroupAddress(name, enabled: address.bool)
            print("group \(name.lowercased()) address \(address.rawValue)")
        }
    }
}
