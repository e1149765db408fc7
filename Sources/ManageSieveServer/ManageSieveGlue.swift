import Authentication
import Durability
import Foundation
import Logging
import ManageSieveProtocol
import ProtocolKit
import Sieve

/// The ManageSieve half of one connection (port 4190) under the shared
/// `SessionChannelDriver`: makes the pure `ManageSieveSession` and answers its questions
/// through the authenticator and the script store.
final class ManageSieveGlue: SessionGlue {
    typealias Session = ManageSieveSession
    typealias Driver = SessionChannelDriver<ManageSieveGlue>

    private let environment: ManageSieveServerEnvironment
    private let operations: ScriptOperations

    init(environment: ManageSieveServerEnvironment) {
        self.environment = environment
        self.operations = ScriptOperations(scripts: environment.scripts, logger: environment.logger)
    }

    let logName = "managesieve"

    func start(_ driver: Driver, tls: Bool) {
        let authenticator = environment.authenticator, maxSize = environment.scripts.limits.maxScriptSize
        let ip = driver.remoteAddress
        driver.answer({ await authenticator.allowsPasswordsWithoutTLS(service: .manageSieve, remoteAddress: ip) }) { result in
            // Cannot fail: the authenticator logs an unreadable setting and answers no.
            let allowUnencrypted = (try? result.get()) ?? false
            let configuration = ManageSieveSessionConfiguration(
                sieveExtensions: SieveExtension.capabilityString().split(separator: " ").map(String.init),
                maxRedirects: SieveLimits.default.maximumRedirects,
                allowUnencrypted: allowUnencrypted, maxScriptSize: maxSize)
            driver.begin(ManageSieveSession(configuration: configuration),
                         connected: .connected(ManageSieveConnectionInfo(remoteAddress: ip, remotePort: driver.remotePort)))
        }
    }

    func tlsEstablished(_ driver: Driver) -> ManageSieveSessionEvent { .tlsEstablished }

    func shutdownRequested(_ driver: Driver) {
        // SIGTERM: say goodbye and close (the server drains its connections).
        driver.goodbye("BYE (TRYLATER) \"Server shutting down\"")
    }

    func perform(_ action: ManageSieveSessionAction, _ driver: Driver) -> SessionStep {
        let ops = operations
        switch action {
        case .send(let output):
            driver.write(output.encoded)
        case .startTLS:
            return .startTLS
        case .close:
            return .close
        case .authenticate(let credentials):
            driver.authenticate(credentials, service: .manageSieve, tls: driver.session?.isTLS ?? false,
                                with: environment.authenticator) { driver.feed(.authenticationChecked(ManageSieveAuthenticationResult($0))) }
        case .haveSpace(let user, let name, let size):
            answer(driver, { ops.haveSpace(user, name, size) }) { .completed($0) }
        case .putScript(let user, let name, let content):
            answer(driver, { ops.put(user, name, content) }) { [environment] response in
                if response.status == .ok { environment.logger.info("managesieve: user=<\(user)> stored script \"\(name)\"") }
                return .completed(response)
            }
        case .checkScript(_, let content):
            answer(driver, { ops.check(content) }) { .completed($0) }
        case .listScripts(let user):
            answer(driver, { ops.list(user) }) { .scriptsListed($0) }
        case .setActive(let user, let name):
            answer(driver, { ops.setActive(user, name) }) { .completed($0) }
        case .getScript(let user, let name):
            answer(driver, { ops.get(user, name) }) { .scriptFetched($0) }
        case .deleteScript(let user, let name):
            answer(driver, { ops.delete(user, name) }) { .completed($0) }
        case .renameScript(let user, let old, let new):
            answer(driver, { ops.rename(user, old, new) }) { .completed($0) }
        }
        return .proceed
    }

    /// Runs blocking store work off the event loop and feeds the answer back.
    private func answer<T: Sendable>(_ driver: Driver, _ work: @escaping @Sendable () -> T,
                                     _ event: @escaping (T) -> ManageSieveSessionEvent) {
        let logger = environment.logger
        driver.answer({ try await BlockingIO.run(work) }) { result in
            switch result {
            case .success(let value): driver.feed(event(value))
            case .failure(let error):
                logger.error("managesieve: script store work failed for \(driver.remoteAddress): \(error)")
                driver.feed(.completed(.tryLater))
            }
        }
    }
}
