import Domain
import Foundation
import Vapor

/// The instruments this Ivareta offers: the shipped check-in, and any file an organization adds to the
/// instruments folder (`IVARETA_INSTRUMENTS_DIR`). A file that does not pass its checks is left out, and the
/// log says which file, which item and what is wrong; the product starts without it.
struct InstrumentLibrary: Sendable {
    let instruments: [String: Instrument]
    /// What was refused, as the log said it.
    let refused: [InstrumentFile.Problem]

    static let shippedKey = "checkin"

    static func load(extraDirectory: String?, languages: [String], logger: Logger) -> InstrumentLibrary {
        func files(in folder: URL) -> [(name: String, data: Data)] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.sorted().filter { $0.hasSuffix(".json") }.compactMap { name in
                (try? Data(contentsOf: folder.appendingPathComponent(name))).map { (name, $0) }
            }
        }
        let shipped = Bundle.module.url(forResource: "Instruments", withExtension: nil, subdirectory: "Resources").map(files(in:)) ?? []
        let files = shipped + (extraDirectory.map { files(in: URL(fileURLWithPath: $0, isDirectory: true)) } ?? [])
        var instruments: [String: Instrument] = [:]
        var refused: [InstrumentFile.Problem] = []
        for file in files {
            switch InstrumentFile.read(file.data, file: file.name, languages: languages) {
            case .success(let instrument) where instruments[instrument.key] != nil:
                refused.append(.init(file: file.name, item: nil, problem: "the key \(instrument.key) is taken by another instrument"))
            case .success(let instrument):
                instruments[instrument.key] = instrument
            case .failure(let problem):
                refused.append(problem)
            }
        }
        for problem in refused { logger.error("Instrument file refused: \(problem)") }
        return InstrumentLibrary(instruments: instruments, refused: refused)
    }
}

extension Application {
    private struct InstrumentLibraryKey: StorageKey {
        typealias Value = InstrumentLibrary
    }

    var instruments: InstrumentLibrary {
        get { storage[InstrumentLibraryKey.self] ?? InstrumentLibrary(instruments: [:], refused: []) }
        set { storage[InstrumentLibraryKey.self] = newValue }
    }
}
