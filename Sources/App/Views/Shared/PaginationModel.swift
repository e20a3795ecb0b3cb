struct PaginationModel {
    let previous: (label: String, href: String)?
    let next: (label: String, href: String)?
}

extension PaginationModel {
    static func make(route: SiteRoute, page: Int, hasMore: Bool, search: String? = nil, t: Localizer) -> PaginationModel? {
        guard page > 1 || hasMore else { return nil }
        return PaginationModel(
            previous: page > 1 ? (t("pagination.previous"), route.path(PageQuery(page: page - 1, search: search))) : nil,
            next: hasMore ? (t("pagination.next"), route.path(PageQuery(page: page + 1, search: search))) : nil)
    }
}
