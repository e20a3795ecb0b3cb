struct ParkedJobsPageModel {
    struct Item {
        let kind: String
        let attempts: String
        let parkedAt: String
        let error: String
        let retry: SiteRoute
    }

    let heading: String
    let intro: String
    let empty: String
    let items: [Item]
    let retryLabel: String
    let csrf: String
}
