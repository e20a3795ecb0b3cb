import Foundation

/// Where the person is signed in: each session and API token, its device, when it started and was last used.
struct SessionsPageModel {
    struct Row {
        let id: UUID
        let title: String
        let detail: String
        let isThisDevice: Bool
    }

    let heading: String
    let lead: String
    let rows: [Row]
    let twoFactorLink: String
    let thisDevice: String
    let end: String
    let csrf: String
}

extension SessionsPageModel {
    init(_ entries: [Sessions.Entry], current: UUID?, t: Localizer, csrf: String) {
        self.init(
            heading: t("sessions.heading"),
            lead: t("sessions.lead"),
            rows: entries.map { entry in
                let device: String = switch (entry.browser, entry.system) {
                case (let browser?, let system?): t("sessions.device", ["browser": browser, "system": system])
                case (let browser?, nil): browser
                case (nil, let system?): system
                case (nil, nil): t("sessions.unknown_device")
                }
                return Row(id: entry.id, title: entry.kind == .api ? t("sessions.api_token", ["device": device]) : device,
                           detail: t("sessions.times", ["started": t.dateTime(entry.startedAt), "used": t.dateTime(entry.lastUsedAt)]),
                           isThisDevice: entry.id == current)
            },
            twoFactorLink: t("two_factor.settings_heading"),
            thisDevice: t("sessions.this_device"),
            end: t("sessions.end"),
            csrf: csrf)
    }
}
