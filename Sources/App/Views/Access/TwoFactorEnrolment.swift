@preconcurrency import Plot

/// The steps that set up an authenticator app: at sign-in for roles that must, and on the settings page for anyone.
struct TwoFactorEnrolment {
    let steps: [String]
    /// `otpauth://…`: on the phone itself, a tap opens the authenticator app with the account filled in.
    let link: String
    let linkLabel: String
    /// The same address as a QR code, for scanning from another screen; nil only if it were too long to draw.
    let qr: QRCode?
    let qrLabel: String
    let keyLabel: String
    /// The key in groups of four, for typing into the app by hand.
    let key: String

    init(_ enrolment: (link: String, key: String), t: Localizer) {
        steps = [t("two_factor.setup_step1"), t("two_factor.setup_step2"), t("two_factor.setup_step3")]
        link = enrolment.link
        linkLabel = t("two_factor.setup_link")
        qr = try? QRCode(enrolment.link)
        qrLabel = t("two_factor.setup_qr")
        keyLabel = t("two_factor.setup_key")
        key = enrolment.key
    }

    var node: BodyNode {
        Markup.el("ol", [("class", "steps")], [
            Markup.el("li", text: steps[0]),
            Markup.el("li", [], [
                Markup.el("span", text: steps[1]),
                qr.map { Markup.el("div", [("class", "qr-box")], [$0.svg(label: qrLabel)]) } ?? .empty,
                Markup.el("p", [], [Markup.el("a", [("href", link)], text: linkLabel)]),
                Markup.el("p", [], [Markup.el("span", text: keyLabel + " "), Markup.el("code", [("class", "secret-key")], text: key)]),
            ]),
            Markup.el("li", text: steps[2]),
        ])
    }
}
