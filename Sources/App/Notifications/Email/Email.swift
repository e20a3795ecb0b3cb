import Domain
import Foundation
import Vapor

/// One e-mail, already in the recipient's language.
struct OutgoingEmail: Sendable, Equatable {
    let to: String
    let subject: String
    let text: String
    let html: String
    /// The left part of the Message-ID, derived from the inbox message, so that the rare second send after a
    /// crash carries the same Message-ID and mail systems that remove duplicates can do so.
    var messageID: String?
}

protocol EmailSender: Sendable {
    func send(_ email: OutgoingEmail) async throws
}

/// The e-mail channel, present only when the installation has an SMTP server configured.
struct Mail: Sendable {
    let sender: any EmailSender
    /// Where links in e-mails point: the address people use to reach Ivareta.
    let publicBaseURL: String
    /// How long a normal e-mail waits for others to the same person.
    var digestWindow: TimeInterval = ChannelPreferences.digestWindow
}

extension Application {
    private struct MailKey: StorageKey {
        typealias Value = Mail
    }

    var mail: Mail? {
        get { storage[MailKey.self] }
        set { storage[MailKey.self] = newValue }
    }
}

/// Keeps what would have been sent, for tests.
final class RecordingEmailSender: EmailSender, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [OutgoingEmail] = []

    var sent: [OutgoingEmail] { lock.withLock { stored } }

    func send(_ email: OutgoingEmail) async throws {
        lock.withLock { stored.append(email) }
    }
}

enum EmailAddress {
    /// Deliberately plain: one `@`, something on each side, a dot in the domain, and nothing that could break
    /// out of an e-mail header.
    static func isValid(_ address: String) -> Bool {
        guard address.count <= 254, !address.contains(where: { $0.isWhitespace || $0.isNewline || "<>,;\"".contains($0) }) else { return false }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].count >= 3 else { return false }
        let domain = parts[1]
        return domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".")
    }
}
