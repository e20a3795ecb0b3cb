@preconcurrency import Plot

/// The HTML part of a notification e-mail, built with the same Plot nodes as the pages (so text is escaped
/// the same way). Mail clients ignore stylesheets, hence the inline styles.
struct NotificationEmailView {
    let language: String
    let subject: String
    /// Above the list when the e-mail names several things.
    let intro: String?
    let lines: [String]
    let openLabel: String
    let openURL: String
    let why: String
    let changeLabel: String
    let settingsURL: String

    var html: String {
        let linkStyle = ("style", "color: #0b5394")
        return HTML(
            .attribute(named: "lang", value: language),
            .head(.encoding(.utf8), .element(named: "title", text: subject)),
            .body(
                .attribute(named: "style", value: "font-family: system-ui, sans-serif; line-height: 1.5; color: #1b1b1b"),
                intro.map { Markup.el("p", text: $0) } ?? .empty,
                lines.count == 1 ? Markup.el("p", text: lines[0]) : Markup.el("ul", [], lines.map { Markup.el("li", text: $0) }),
                Markup.el("p", [], [Markup.el("a", [("href", openURL), linkStyle], text: openLabel)]),
                Markup.el("p", [("style", "color: #555; font-size: 0.9em")], [
                    .text(why + " "),
                    Markup.el("a", [("href", settingsURL), linkStyle], text: changeLabel),
                ])
            )
        ).render()
    }
}
