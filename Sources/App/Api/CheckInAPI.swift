import Domain
import Vapor

/// Check-in instruments as the API gives them: each text in the caller's language.
enum CheckInAPI {
    static func instrument(_ req: Request) async throws -> APIModels.InstrumentView {
        _ = try req.requireUser()
        guard let key = req.parameters.get(RouteParameter.instrumentKey), let instrument = req.application.instruments.instruments[key] else {
            throw APIError.notFound("instrument")
        }
        let language = req.language.rawValue
        func text(_ texts: [String: String]) -> String { texts[language] ?? texts[AppLanguage.en.rawValue] ?? texts.values.sorted().first ?? "" }
        return APIModels.InstrumentView(
            key: instrument.key, title: text(instrument.title),
            items: instrument.items.map { item in
                let scale = instrument.scale(of: item)
                return APIModels.InstrumentView.Item(
                    key: item.key, text: text(item.text),
                    scale: (scale?.values ?? 0...0).map { value in .init(value: value, label: scale?.labels[value].map(text)) })
            })
    }
}
