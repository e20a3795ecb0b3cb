struct InboxPageModel {
    struct Item {
        let text: String
        /// For which event, by kind and date, when the message is about one.
        let about: String?
        let when: String
        let linkLabel: String
        let link: String
        let unread: Bool
        let markRead: SiteRoute?
    }

    let heading: String
    let empty: String
    let items: [Item]
    let markReadLabel: String
    let markAllRead: String?
    let unreadLabel: String
    let settingsLabel: String
    let csrf: String
}

extension InboxPageModel {
    init(_ messages: [InboxController.Row], unread: Int, t: Localizer, csrf: String) {
        let groups = MessageDigest.group(messages)
        self.init(
            heading: t("inbox.heading"),
            empty: t("inbox.empty"),
            items: groups.map { group in
                let message = group[0]
                if group.count > 1 {
                    return Item(
                        text: Messages.text(message.kind, t), about: t.plural("inbox.digest", group.count),
                        when: t.dateTime(message.createdAt), linkLabel: t("inbox.open_tasks"), link: SiteRoute.tasks.path,
                        unread: message.readAt == nil, markRead: nil)
                }
                return Item(
                    text: Messages.text(message.kind, t),
                    about: message.eventKind.flatMap { kind in
                        message.eventAt.map {
                            message.aboutOwnCase ? t("case.after_event", ["date": t.date($0)]) : t("inbox.about_event", ["kind": t.kind(kind), "date": t.date($0)])
                        }
                    },
                    when: t.dateTime(message.createdAt), linkLabel: t("inbox.open"),
                    // A stored link is followed only if it is one of our own pages.
                    link: Messages.isOwnPath(message.link) ? message.link : SiteRoute.home.path,
                    unread: message.readAt == nil, markRead: message.readAt == nil ? SiteRoute.markRead(message.id) : nil)
            },
            markReadLabel: t("inbox.mark_read"),
            markAllRead: unread > 0 ? t("inbox.mark_all_read") : nil,
            unreadLabel: t("inbox.unread"),
            settingsLabel: t("inbox.settings"),
            csrf: csrf)
    }
}
