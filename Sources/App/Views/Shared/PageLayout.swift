@preconcurrency import Plot

/// What every page's frame needs: display-ready values only.
struct PageChrome {
    /// A sentence after an action: it worked, or it did not and the page shows why.
    enum Tone {
        case success, attention
    }

    struct NavItem {
        let label: String
        let route: SiteRoute
        let isCurrent: Bool
    }

    let title: String
    let language: String
    let csrf: String
    /// Nil on the login page.
    let signedInAs: String?
    let navigation: [NavItem]
    let supportShortcut: String?
    /// The bell: a label for screen readers and the unread count.
    let inbox: (label: String, count: Int)?
    let logOutLabel: String
    let logOutEverywhereLabel: String
    /// The link to the person's list of where they are signed in.
    var sessionsLabel: String? = nil
    let skipLabel: String
    let productName: String
    let flash: String?
    var flashTone: Tone = .success
    let languageChoices: [(code: String, label: String, selected: Bool)]
    let languageLabel: String
    let languageSave: String
}

/// The frame around every page: skip link, header with the "I would like support" shortcut (so asking for
/// support is never more than a few steps away), navigation, the page, and the language choice.
enum PageLayout {
    static func render(_ chrome: PageChrome, main: [BodyNode]) -> String {
        let html = HTML(
            .attribute(named: "lang", value: chrome.language),
            .head(
                .encoding(.utf8),
                .viewport(.accordingToDevice),
                .element(named: "title", text: "\(chrome.title) · \(chrome.productName)"),
                .stylesheet(SiteRoute.stylesheet.path),
                .script(.attribute(named: "src", value: SiteRoute.script.path), .attribute(named: "defer"))
            ),
            .body(
                Markup.el("a", [("class", "skip"), ("href", "#main")], text: chrome.skipLabel),
                header(chrome),
                Markup.el("main", [("id", "main")],
                          (chrome.flash.map { [Markup.el("p", [("class", chrome.flashTone == .success ? "flash" : "flash attention"), ("role", "status")], text: $0)] }
                           ?? []) + main),
                footer(chrome)
            )
        )
        return html.render()
    }

    private static func header(_ chrome: PageChrome) -> BodyNode {
        var top: [BodyNode] = [Markup.link(chrome.productName, to: .home, [("class", "brand")])]
        if let inbox = chrome.inbox {
            top.append(Markup.el("a", [("href", SiteRoute.inbox.path), ("class", "bell"), ("aria-label", inbox.label)], [
                Markup.el("svg", [("aria-hidden", "true"), ("viewBox", "0 0 24 24"), ("width", "24"), ("height", "24"), ("focusable", "false")], [
                    Markup.void("path", [("fill", "currentColor"), ("d", "M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z")]),
                ]),
                inbox.count > 0 ? Markup.el("span", [("class", "bell-count")], text: "\(inbox.count)") : .empty,
            ]))
        }
        if let shortcut = chrome.supportShortcut {
            top.append(Markup.link(shortcut, to: .requestSupport, [("class", "support-shortcut")]))
        }
        var children: [BodyNode] = [Markup.el("div", [("class", "top")], top)]
        if chrome.signedInAs != nil {
            let items = chrome.navigation.map { item in
                Markup.el("li", [], [Markup.link(item.label, to: item.route, item.isCurrent ? [("aria-current", "page")] : [])])
            }
            children.append(Markup.el("nav", [("aria-label", chrome.title)], [Markup.el("ul", [], items)]))
        }
        return Markup.el("header", [], children)
    }

    private static func footer(_ chrome: PageChrome) -> BodyNode {
        var children: [BodyNode] = []
        let options = chrome.languageChoices.map { choice in
            Markup.el("option", [("value", choice.code)] + (choice.selected ? [("selected", nil)] : []), text: choice.label)
        }
        children.append(Markup.form(to: .language, csrf: chrome.csrf, [("class", "language")], [
            Markup.el("label", [("for", "language-select")], text: chrome.languageLabel),
            Markup.el("select", [("id", "language-select"), ("name", "language")], options),
            Markup.button(chrome.languageSave),
        ]))
        if let name = chrome.signedInAs {
            if let sessions = chrome.sessionsLabel { children.append(Markup.el("p", [], [Markup.link(sessions, to: .sessions)])) }
            children.append(Markup.form(to: .logout, csrf: chrome.csrf, [("class", "logout")], [
                Markup.el("span", text: name),
                Markup.button(chrome.logOutLabel, [("class", "link-button")]),
                Markup.button(chrome.logOutEverywhereLabel, [("class", "link-button"), ("name", "everywhere"), ("value", "true")]),
            ]))
        }
        return Markup.el("footer", [], children)
    }
}
