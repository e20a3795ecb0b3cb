import Domain
@preconcurrency import Plot

/// The professional help people can be referred to (tier 3), on the scheme page: the list and the form that adds one.
struct ServicesSectionModel {
    let heading: String
    let intro: String
    let empty: String
    let services: [(name: String, kind: String, contact: String)]
    let kindLabel: String
    let kinds: [FormField.Option]
    let nameLabel: String
    let contactLabel: String
    let contactHint: String
    let button: String
    let submissionKey: String

    init(_ services: [Referrals.Service], t: Localizer, submissionKey: String) {
        heading = t("scheme.services")
        intro = t("scheme.services_intro")
        empty = t("scheme.services_empty")
        self.services = services.map { ($0.name, t("service.kind.\($0.kind.rawValue)"), $0.contact) }
        kindLabel = t("scheme.service_kind")
        kinds = ServiceKind.allCases.map { FormField.Option(value: $0.rawValue, label: t("service.kind.\($0.rawValue)")) }
        nameLabel = t("scheme.service_name")
        contactLabel = t("scheme.service_contact")
        contactHint = t("scheme.service_contact_hint")
        button = t("scheme.add_service")
        self.submissionKey = submissionKey
    }
}

struct ServicesSectionView {
    let model: ServicesSectionModel
    let csrf: String

    var node: BodyNode {
        Markup.el("section", [("id", "services"), ("aria-labelledby", "services-heading")], [
            Markup.el("h2", [("id", "services-heading")], text: model.heading),
            Markup.el("p", [("class", "muted")], text: model.intro),
            model.services.isEmpty ? Markup.el("p", [("class", "empty")], text: model.empty)
                : Markup.el("ul", [("class", "services")], model.services.map { service in
                    Markup.el("li", [], [Markup.el("strong", text: service.name), .text(" · \(service.kind)"), Markup.void("br", []), .text(service.contact)])
                }),
            Markup.form(to: .addService, csrf: csrf, [("class", "stack")], [
                Markup.hidden(Markup.submissionField, model.submissionKey),
                FormField.select(id: "service-kind", name: "kind", label: model.kindLabel, options: model.kinds),
                FormField.input("text", id: "service-name", name: "name", label: model.nameLabel,
                                [("required", nil), ("maxlength", "\(ServiceRules.nameLimit)")]),
                FormField.input("text", id: "service-contact", name: "contact", label: model.contactLabel, hint: model.contactHint,
                                [("required", nil), ("maxlength", "\(ServiceRules.contactLimit)")]),
                Markup.button(model.button, [("class", "primary")]),
            ]),
        ])
    }
}
