import Domain
import Foundation
import Testing
import Vapor
@testable import App

@Suite("Instrument files")
struct InstrumentLibraryTests {
    /// An organization's own file that does not pass its checks is refused, naming the file, the item and the
    /// problem; the shipped check-in and a good file of theirs are there, and the app serves its pages.
    @Test func aMalformedFileIsRefusedAndTheAppStartsWithTheRest() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("instruments-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = #"{"key": "who_five", "title": {"en": "W", "nb": "W", "da": "W"}, "scales": {"s": {"min": 0, "max": 5}},"#
            + #" "items": [{"key": "cheerful", "text": {"en": "C", "nb": "C", "da": "C"}, "scale": "s"}]}"#
        try Data(good.utf8).write(to: folder.appendingPathComponent("who5.json"))
        let bad = #"{"key": "own", "title": {"en": "O", "nb": "O", "da": "O"}, "scales": {"s": {"min": 0, "max": 2}},"#
            + #" "items": [{"key": "tired", "text": {"en": "Tired", "nb": "Trøtt"}, "scale": "s"}]}"#
        try Data(bad.utf8).write(to: folder.appendingPathComponent("own.json"))
        try Data("{ not json".utf8).write(to: folder.appendingPathComponent("broken.json"))
        try Data(#"{"key": "checkin"}"#.utf8).write(to: folder.appendingPathComponent("zz-copy.json"))

        try await withTestApp(instrumentsDirectory: folder.path) { app in
            let library = app.instruments
            #expect(Set(library.instruments.keys) == ["checkin", "who_five"])
            let problems = library.refused.map(\.description).sorted()
            #expect(problems.contains("own.json, item tired: it has no text in da"), "\(problems)")
            #expect(problems.contains("broken.json: it is not valid JSON"), "\(problems)")
            #expect(problems.contains { $0.hasPrefix("zz-copy.json") }, "\(problems)")
            let login = try await Browser(app).get(SiteRoute.login.path)
            #expect(login.status == .ok)
        }
    }
}

@Suite("Instruments in the API")
struct InstrumentAPITests {
    @Test func theCheckInIsGivenInTheCallersLanguageWithItsScales() async throws {
        try await withTestApp { app in
            let nurse = try await APIClient.signIn(app, as: "nurse")
            let english = try await nurse.send(.GET, "/api/v1/instruments/checkin", headers: [("Accept-Language", "en")]).decode(APIModels.InstrumentView.self)
            #expect(english.key == "checkin" && english.items.count == 11)
            let wellbeing = try #require(english.items.first)
            #expect(wellbeing.key == "wellbeing" && wellbeing.scale.map(\.value) == Array(0...10))
            #expect(wellbeing.scale.first?.label == "Very badly" && wellbeing.scale[5].label == nil)
            #expect(english.items.last?.key == "wants_contact" && english.items.last?.scale.map(\.label) == ["No, thank you", "Yes, please"])
            let norwegian = try await nurse.send(.GET, "/api/v1/instruments/checkin", headers: [("Accept-Language", "nb-NO")]).decode(APIModels.InstrumentView.self)
            #expect(norwegian.title == "Hvordan har du det?" && norwegian.items[3].text == "Problemer med å sove")
            #expect(try await nurse.send(.GET, "/api/v1/instruments/who_five").status == .notFound)
            #expect(try await nurse.send(.GET, "/api/v1/instruments/..%2F..%2Fetc").status == .notFound)
            #expect(try await APIClient(app: app, token: nil).send(.GET, "/api/v1/instruments/checkin").status == .unauthorized)
        }
    }
}
