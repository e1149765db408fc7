import Durability
import Foundation
import ProtocolKit

/// Finds the certificate and key the listeners use: the configured PEM files when
/// `tls.certificate`/`tls.key` are set, otherwise a self-signed pair in `tls/`,
/// generated on first start for the server's host name.
public struct TLSMaterialProvider: Sendable {
    public enum Source: Sendable, Equatable { case configured, existingSelfSigned, generated }

    public let dataDirectory: DataDirectory

    public init(dataDirectory: DataDirectory) {
        self.dataDirectory = dataDirectory
    }

    public func load(hostname: String, configuredCertificate: String, configuredKey: String) throws -> (PEMKeyPair, Source) {
        if !configuredCertificate.isEmpty || !configuredKey.isEmpty {
            guard !configuredCertificate.isEmpty, !configuredKey.isEmpty else {
                throw DataDirectoryError("tls.certificate and tls.key must be set together")
            }
            return (PEMKeyPair(certificatePEM: try read(configuredCertificate),
                               privateKeyPEM: try read(configuredKey)), .configured)
        }
        let certPath = dataDirectory.certificateFile.path, keyPath = dataDirectory.privateKeyFile.path
        if FileManager.default.fileExists(atPath: certPath), FileManager.default.fileExists(atPath: keyPath) {
            return (PEMKeyPair(certificatePEM: try read(certPath), privateKeyPEM: try read(keyPath)), .existingSelfSigned)
        }
        let pair = try SelfSignedCertificate.generate(hostname: hostname)
        try DurableFile.write(Data(pair.privateKeyPEM.utf8), to: dataDirectory.privateKeyFile, permissions: 0o600)
        try DurableFile.write(Data(pair.certificatePEM.utf8), to: dataDirectory.certificateFile, permissions: 0o644)
        return (pair, .generated)
    }

    private func read(_ path: String) throws -> String {
        do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw DataDirectoryError("cannot read \(path): \(error.localizedDescription)")
        }
    }
}
