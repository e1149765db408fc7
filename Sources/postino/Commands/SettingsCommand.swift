import Administration
import ArgumentParser
import Directory
import Foundation

struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings", abstract: "Read and change server settings (typed and validated).",
        subcommands: [List.self, Get.self, Set.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List every setting with its value, type and meaning.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let rows = try global.administration().settings()
            if output.json { return try Output.json(rows) }
            Output.table(["KEY", "VALUE", "TYPE", "DESCRIPTION"], rows.map {
                [$0.key, ($0.value.isEmpty ? "\"\"" : $0.value) + ($0.is_default ? "" : " *"), $0.type, $0.doc]
            })
        }
    }

    struct Get: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get", abstract: "Print one setting's value.")
        @OptionGroup var global: GlobalOptions
        @Argument var key: String
        func run() throws {
            print(try global.administration().settingValue(key))
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Change one setting; the value is checked against its type.")
        @OptionGroup var global: GlobalOptions
        @Argument var key: String
        @Argument var value: String
        func run() throws {
            let stored = try global.administration().setSetting(key, value)
            print("\(key) = \(stored)")
            // Every other setting is read afresh by a running server.
            if let reason = SettingKey(rawValue: key.trimmingCharacters(in: .whitespaces).lowercased())?.restartReason {
                print("A running postino serve applies this at its next start (\(reason)): restart it.")
            }
        }
    }
}
