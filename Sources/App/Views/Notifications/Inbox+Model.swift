struct InboxPageModel {
    struct Item {
        let text: String
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
