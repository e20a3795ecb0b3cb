import Crypto
import Foundation

/// Secrets Ivareta must be able to read again — an authenticator app's key — sealed with AES-GCM under the key in
/// `IVARETA_SECRET_KEY`, bound to the account they belong to, so a copy of the database alone does not give
/// anyone's codes, and a sealed secret moved to another account does not open. Without a key they are stored
/// as they are (and `serve` says so in its log); a secret stored before the key was set is still read.
struct SecretBox: Sendable {
    let key: SymmetricKey?

    static let prefix = "aesgcm:"

    enum Problem: Error {
        /// A sealed secret, and no key (or another key) to open it.
        case cannotOpen
    }

    func seal(_ secret: String, for account: UUID) throws -> String {
        guard let key else { return secret }
        let sealed = try AES.GCM.seal(Data(secret.utf8), using: key, authenticating: Self.bytes(account))
        guard let combined = sealed.combined else { throw Problem.cannotOpen }
        return Self.prefix + combined.base64EncodedString()
    }

    func open(_ stored: String, for account: UUID) throws -> String {
        guard stored.hasPrefix(Self.prefix) else { return stored }
        guard let key, let data = Data(base64Encoded: String(stored.dropFirst(Self.prefix.count))),
              let opened = try? AES.GCM.open(try AES.GCM.SealedBox(combined: data), using: key, authenticating: Self.bytes(account))
        else { throw Problem.cannotOpen }
        return String(decoding: opened, as: UTF8.self)
    }

    private static func bytes(_ id: UUID) -> Data {
        withUnsafeBytes(of: id.uuid) { Data($0) }
    }
}
