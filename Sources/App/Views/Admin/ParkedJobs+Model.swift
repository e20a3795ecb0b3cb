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

extension ParkedJobsPageModel {
    init(_ jobs: [ParkedJobsController.ParkedJob], t: Localizer, csrf: String) {
        self.init(
            heading: t("jobs.heading"), intro: t("jobs.intro"), empty: t("jobs.empty"),
            items: jobs.map { job in
                Item(kind: JobKind(rawValue: job.kind).map { t("jobs.kind.\($0.rawValue)") } ?? job.kind,
                     attempts: t.plural("jobs.attempts", job.attempts),
                     parkedAt: job.finishedAt.map(t.dateTime) ?? "", error: job.lastError ?? "", retry: .retryJob(job.id))
            },
            retryLabel: t("jobs.retry"), csrf: csrf)
    }
}
