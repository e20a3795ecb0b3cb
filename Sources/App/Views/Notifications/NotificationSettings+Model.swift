/// The notification settings form, holding what the person typed so a rejected form loses nothing.
struct NotificationSettingsPageModel {
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
    /// For peer supporters: being on call follows their team's rota, and what that means for e-mail.
    let onCallNote: String?
    let submit: String
    let csrf: String

    func error(_ field: String) -> String? { errors.first { $0.field == field }?.message }
}

extension NotificationSettingsPageModel {
    /// What the person typed is shown back as typed (cut to the fields' lengths), with each error by its field.
    init(form: NotificationSettings.Form, errors: [(field: String, key: String)], isSupporter: Bool, mailConfigured: Bool, t: Localizer,
         csrf: String) {
        self.init(
            heading: t("settings.heading"),
            intro: t("settings.intro"),
            mailUnavailable: mailConfigured ? nil : t("settings.mail_unavailable"),
            errorSummaryHeading: t("form.errors"),
            errors: errors.map { (field: $0.field, message: t($0.key)) },
            emailLabel: t("settings.email_address"),
            emailHint: t("settings.email_hint"),
            emailAddress: String((form.emailAddress ?? "").prefix(254)),
            emailEnabledLabel: t("settings.email_enabled"),
            emailEnabled: form.emailEnabled == "true",
            quietLegend: t("settings.quiet_legend"),
            quietHint: t("settings.quiet_hint"),
            quietStartLabel: t("settings.quiet_start"),
            quietStart: String((form.quietStart ?? "").prefix(8)),
            quietEndLabel: t("settings.quiet_end"),
            quietEnd: String((form.quietEnd ?? "").prefix(8)),
            onCallNote: isSupporter ? t("settings.on_call_from_rota") : nil,
            submit: t("settings.save"),
            csrf: csrf)
    }
}
