import Foundation
import Testing
@testable import App

/// The QR code of two-factor set-up is our own code (no package on our list draws one): it must match an
/// independent implementation, python-qrcode, module for module, for every mask and versions 1 to 10.
@Suite("QR codes")
struct QRCodeTests {
    struct Case: Decodable {
        let text: String
        let mask: Int
        let version: Int
        let rows: [String]
    }

    static func cases() throws -> [Case] {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/qr-codes.json")
        return try JSONDecoder().decode([Case].self, from: Data(contentsOf: file))
    }

    @Test func everyModuleMatchesPythonQRCode() throws {
        let cases = try Self.cases()
        #expect(Set(cases.map(\.version)).isSuperset(of: [1, 6, 9, 10]))
        for fixture in cases {
            let code = try QRCode(fixture.text, mask: fixture.mask)
            let rows = code.modules.map { row in String(row.map { $0 ? "1" : "0" }) }
            #expect(rows == fixture.rows, "\(fixture.text.prefix(20))… mask \(fixture.mask), version \(fixture.version)")
        }
    }

    @Test func theChosenMaskIsOneOfTheEightAndTooLongATextIsRefused() throws {
        let text = try Self.cases()[0].text
        let chosen = try QRCode(text)
        let masks = try (0..<8).map { try QRCode(text, mask: $0).modules }
        #expect(masks.contains(chosen.modules))
        #expect(throws: QRCode.Failure.tooLong) { try QRCode(String(repeating: "a", count: 214)) }
        let svg = chosen.svg(label: "QR code").render()
        #expect(svg.hasPrefix("<svg class=\"qr\" viewBox=\"0 0 49 49\"") && svg.contains("aria-label=\"QR code\""))
    }
}
