/// Usual names of the special folders in several languages, for servers without
/// SPECIAL-USE (RFC 6154): Outlook/Exchange, Thunderbird, Apple Mail, Gmail, localized
/// webmails (English, German, French, Italian, Spanish, Portuguese, Dutch, Swedish, Polish).
enum SpecialUseNames {
    static let byUse: [(use: String, names: [String])] = [
        ("\\Sent", ["Sent", "Sent Items", "Sent Messages", "Sent Mail", "[Gmail]/Sent Mail", "Gesendet",
                    "Gesendete Objekte", "Gesendete Elemente", "Envoyés", "Messages envoyés", "Éléments envoyés",
                    "Inviati", "Posta inviata", "Elementi inviati", "Enviados", "Elementos enviados", "Itens enviados",
                    "Verzonden", "Verzonden items", "Skickat", "Skickade objekt", "Wysłane", "Elementy wysłane"]),
        ("\\Drafts", ["Drafts", "[Gmail]/Drafts", "Entwürfe", "Brouillons", "Bozze", "Borradores", "Rascunhos",
                      "Concepten", "Utkast", "Kopie robocze"]),
        ("\\Trash", ["Trash", "Deleted Items", "Deleted Messages", "[Gmail]/Trash", "Bin", "Papierkorb",
                     "Gelöschte Objekte", "Gelöschte Elemente", "Corbeille", "Éléments supprimés", "Cestino",
                     "Elementi eliminati", "Papelera", "Elementos eliminados", "Lixeira", "Itens excluídos",
                     "Prullenbak", "Verwijderde items", "Papperskorgen", "Borttagna objekt", "Kosz", "Elementy usunięte"]),
        ("\\Junk", ["Junk", "Spam", "Junk E-mail", "Junk Email", "Junk Mail", "Bulk Mail", "[Gmail]/Spam",
                    "Junk-E-Mail", "Unerwünscht", "Indésirables", "Courrier indésirable", "Posta indesiderata",
                    "Correo no deseado", "Lixo eletrônico", "Ongewenste e-mail", "Skräppost", "Wiadomości-śmieci"]),
        ("\\Archive", ["Archive", "Archives", "Archiv", "Archivio", "Archivo", "Arquivo", "Archief", "Arkiv", "Archiwum"]),
    ]

    /// The special use a folder name usually has, compared case-insensitively.
    static func use(forName name: String) -> String? {
        let folded = name.lowercased()
        for entry in byUse where entry.names.contains(where: { $0.lowercased() == folded }) {
            return entry.use
        }
        return nil
    }
}
