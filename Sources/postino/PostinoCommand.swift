import ArgumentParser
import PostinoServer

struct PostinoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "postino",
        abstract: "An all-in-one mail server: SMTP, IMAP, POP3, Sieve, filtering and administration.",
        version: PostinoVersion.current,
        subcommands: [
            ServeCommand.self, DomainCommand.self, UserCommand.self, GroupCommand.self,
            PublicCommand.self, AddressCommand.self, SettingsCommand.self, ResolveCommand.self,
            MessageCommand.self, DNSCommand.self, DKIMCommand.self, SieveCommand.self, RelayCommand.self,
            QueueCommand.self,
            FilterCommand.self,
            LogCommand.self,
            SpamCommand.self,
            MailAuthCommand.self,
            AdminCommand.self,
            CheckCommand.self, SendTestCommand.self,
            ConnectorCommand.self, SyncCommand.self,
        ]
    )
}
