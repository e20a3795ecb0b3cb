/// The notification settings form, holding what the person typed so a rejected form loses nothing.
struct NotificationSettingsPageModel {
    struct OnCall {
        let label: String
        let hint: String
        let checked: Bool
    }

    let heading: String
    let intro: String
    let mailUnavailable: String?
    let errorSummaryHeading: String
    let errors: [(field: String, message: String)]
    let emailLabel: String
    let emailHint: String
    let emailAddress: String
    let emailEnabledLabel: String
    let emailEnabled: Bool
    let quietLegend: String
    let quietHint: String
    let quietStartLabel: String
    let quietStart: String
    let quietEndLabel: String
    let quietEnd: String
    let onCall: OnCall?
    let submit: String
    let csrf: String

    func error(_ field: String) -> String? { errors.first { $0.field == field }?.message }
}
