import ArgumentParser
import Directory

struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings", abstract: "Read and change server settings (typed and validated).",
        subcommands: [List.self, Get.self, Set.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every setting with its value, type and meaning.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        struct Row {
            var key: String
            var value: String
            var `default`: String
            var type: String
            var is_default: Bool
            var doc: String
        }

        func run() throws {
            let rows = try global.openDirectory().settings.list().map {
                Row(key: $0.key, value: $0.value, default: $0.defaultValue, type: $0.type.name,
                    is_default: $0.isDefault, doc: $0.doc)
            }
            if output.json { return try Output.json(rows) }
            Output.table(["KEY", "VALUE", "TYPE", "DESCRIPTION"], rows.map {
                [$0.key, ($0.value.isEmpty ? "\"\"" : $0.value) + ($0.is_default ? "" : " *"), $0.type, $0.doc]
            })
        }
    }

    struct Get: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print one setting's value.")
        @OptionGroup var global: GlobalOptions
        @Argument var key: String
        func run() throws {
            print(try global.openDirectory().settings.get(key))
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change one setting; the value is checked against its type.")
        @OptionGroup var global: GlobalOptions
        @Argument var key: String
        @Argument var value: String
        func run() throws {
            let stored = try global.openDirectory().settings.set(key, value)
            print("\(key) = \(stored)")
        }
    }
}
