@preconcurrency import Plot

struct InboxPageView {
    let model: InboxPageModel

    var main: [BodyNode] {
        [
            Markup.el("h1", text: model.heading),
            Markup.el("p", [], [Markup.link(model.settingsLabel, to: .notificationSettings)]),
            model.markAllRead.map { Markup.form(to: .markAllRead, csrf: model.csrf, [], [Markup.button($0)]) } ?? .empty,
            model.items.isEmpty
                ? Markup.el("p", [("class", "empty")], text: model.empty)
                : Markup.el("ul", [("class", "cards inbox")], model.items.map { item in
                    Markup.el("li", [("class", item.unread ? "message unread" : "message")], [
                        item.unread ? Markup.el("span", [("class", "badge status-offered")], text: model.unreadLabel) : .empty,
                        Markup.el("p", [], [Markup.el("strong", text: item.text)]),
                        item.about.map { Markup.el("p", [("class", "about")], text: $0) } ?? .empty,
                        Markup.el("p", [("class", "due")], text: item.when),
                        Markup.el("div", [("class", "actions")], [
                            Markup.el("a", [("href", item.link), ("class", "button")], text: item.linkLabel),
                            item.markRead.map { Markup.form(to: $0, csrf: model.csrf, [], [Markup.button(model.markReadLabel)]) } ?? .empty,
                        ]),
                    ])
                }),
        ]
    }
}
