import Domain
import Vapor

/// The administrator's HR files: upload, see what it would change, apply exactly that; and the settings that
/// say how the export names its columns and titles.
enum ImportController {
    struct UploadForm: Content {
        var kind: String?
        var file: File?
    }

    static func show(_ req: Request) async throws -> Response {
        try await render(req, problems: [], missingFile: nil, status: .ok)
    }

    /// A file with problems is answered at once with every problem; a good one is held and its preview shown.
    static func upload(_ req: Request) async throws -> Response {
        try requireAdministrator(req)
        let form = try req.content.decode(UploadForm.self)
        guard let kind = form.kind.flatMap(ImportKind.init(rawValue:)) else { throw PageError.badRequest }
        guard let file = form.file, file.data.readableBytes > 0 else {
            return try await render(req, problems: [], missingFile: kind, status: .unprocessableEntity)
        }
        let data = Data(buffer: file.data)
        let run = try HRImports.Run(req)
        do {
            _ = try await HRImports.preview(kind, file: data, run: run)
        } catch HRImports.Failure.invalid(let problems) {
            return try await render(req, problems: problems, missingFile: nil, status: .unprocessableEntity)
        }
        let id = try await StagedImports.stage(kind, file: data, run: run)
        return req.redirect(to: SiteRoute.importPreview(id).path)
    }

    static func preview(_ req: Request) async throws -> Response {
        try requireAdministrator(req)
        let id = try req.pageID(RouteParameter.importID)
        let run = try HRImports.Run(req)
        guard let staged = try await StagedImports.find(id, run: run) else { return try await gone(req) }
        do {
            let preview = try await HRImports.preview(staged.kind, file: staged.file, run: run)
            // The preview shows names and units of many people: its reading is on record like any other.
            try await AuditLog.record(req, .read, "hr_import_file", id: id, subject: nil)
            return respond(req, ImportPreviewPageModel(preview, stagedID: id, notice: nil, t: req.localizer, csrf: req.csrfToken), status: .ok)
        } catch HRImports.Failure.invalid(let problems) {
            // Valid when it came, but the units it names have changed since.
            return try await render(req, problems: problems, missingFile: nil, status: .unprocessableEntity)
        }
    }

    struct ApplyForm: Content {
        var fingerprint: String?
    }

    static func apply(_ req: Request) async throws -> Response {
        try requireAdministrator(req)
        let id = try req.pageID(RouteParameter.importID)
        let form = try req.content.decode(ApplyForm.self)
        do {
            _ = try await StagedImports.apply(id, expecting: form.fingerprint ?? "", run: try HRImports.Run(req))
        } catch let failure as HRImports.Failure {
            switch failure {
            case .forbidden: throw PageError.forbidden
            case .notFound: return try await gone(req)
            case .invalid(let problems): return try await render(req, problems: problems, missingFile: nil, status: .unprocessableEntity)
            case .changedMeanwhile(let preview):
                return respond(req, ImportPreviewPageModel(preview, stagedID: id, notice: req.localizer("import.changed_meanwhile"), t: req.localizer,
                                                           csrf: req.csrfToken), status: .conflict)
            }
        }
        return req.redirect(to: SiteRoute.imports.path(PageQuery(notice: .saved)))
    }

    private static func requireAdministrator(_ req: Request) throws {
        guard AccessPolicy.mayAdministerOrganization(try req.requireUser().actor) else { throw PageError.forbidden }
    }

    /// Applied already (a second click, another tab), or held too long: the page says so and offers a new upload.
    private static func gone(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let last = try await HRImports.last(organizationID: user.organizationID, on: req.db)
        let model = ImportsPageModel(last: last, problems: [], missingFile: nil, t: req.localizer, csrf: req.csrfToken)
        return Pages.respond(req, title: model.heading, current: .imports, flash: req.localizer("import.gone"), flashTone: .attention, status: .gone,
                             main: ImportsPageView(model: model).main)
    }

    private static func render(_ req: Request, problems: [ImportProblem], missingFile: ImportKind?, status: HTTPResponseStatus) async throws -> Response {
        let user = try req.requireUser()
        guard AccessPolicy.mayAdministerOrganization(user.actor) else { throw PageError.forbidden }
        let last = try await HRImports.last(organizationID: user.organizationID, on: req.db)
        let model = ImportsPageModel(last: last, problems: problems, missingFile: missingFile, t: req.localizer, csrf: req.csrfToken)
        return Pages.respond(req, title: model.heading, current: .imports,
                             flash: PageQuery(req).notice == .saved && status == .ok ? req.localizer("import.applied") : nil,
                             status: status, main: ImportsPageView(model: model).main)
    }

    private static func respond(_ req: Request, _ model: ImportPreviewPageModel, status: HTTPResponseStatus) -> Response {
        Pages.respond(req, title: model.heading, current: .imports, status: status, main: ImportPreviewPageView(model: model).main)
    }
}

extension ImportController {
    static func settings(_ req: Request) async throws -> Response {
        try await renderSettings(req, typedColumns: nil, problems: [], typedTitle: "", status: .ok)
    }

    static func saveColumns(_ req: Request) async throws -> Response {
        let typed = try req.content.decode([String: String].self)
        let units = Dictionary(uniqueKeysWithValues: UnitField.allCases.map { ($0, typed["units_\($0.rawValue)"] ?? "") })
        let people = Dictionary(uniqueKeysWithValues: PersonField.allCases.map { ($0, typed["people_\($0.rawValue)"] ?? "") })
        let problems = try await settingsCall { try await HRImportSettings.saveColumns(units: units, people: people, in: try req.context()) }
        guard problems.isEmpty else { return try await renderSettings(req, typedColumns: typed, problems: problems, typedTitle: "", status: .unprocessableEntity) }
        return req.redirect(to: SiteRoute.importSettings.path(PageQuery(notice: .saved)))
    }

    struct TitleForm: Content {
        var title: String?
        var profession: String?
    }

    static func addTitle(_ req: Request) async throws -> Response {
        try requireAdministrator(req)
        let form = try req.content.decode(TitleForm.self)
        guard let profession = form.profession.flatMap(Profession.init(rawValue:)) else { throw PageError.badRequest }
        let problems = try await settingsCall { try await HRImportSettings.mapTitle(form.title ?? "", to: profession, in: try req.context()) }
        guard problems.isEmpty else {
            return try await renderSettings(req, typedColumns: nil, problems: problems, typedTitle: form.title ?? "", status: .unprocessableEntity)
        }
        return req.redirect(to: SiteRoute.importSettings.path(PageQuery(notice: .saved)))
    }

    static func removeTitle(_ req: Request) async throws -> Response {
        let id = try req.pageID(RouteParameter.mappingID)
        do {
            try await HRImportSettings.removeTitle(id, in: try req.context())
        } catch HRImports.Failure.forbidden {
            throw PageError.forbidden
        } catch HRImports.Failure.notFound {
            // Removed already, in another tab: the list shows what is left.
        }
        return req.redirect(to: SiteRoute.importSettings.path(PageQuery(notice: .removed)))
    }

    private static func settingsCall(_ body: () async throws -> [HRImportSettings.Problem]) async throws -> [HRImportSettings.Problem] {
        do {
            return try await body()
        } catch HRImports.Failure.forbidden {
            throw PageError.forbidden
        } catch HRImports.Failure.notFound {
            throw PageError.notFound
        }
    }

    private static func renderSettings(_ req: Request, typedColumns: [String: String]?, problems: [HRImportSettings.Problem], typedTitle: String,
                                       status: HTTPResponseStatus) async throws -> Response {
        let user = try req.requireUser()
        guard AccessPolicy.mayAdministerOrganization(user.actor) else { throw PageError.forbidden }
        let settings = try await HRImportSettings.load(organizationID: user.organizationID, on: req.db)
        let model = ImportSettingsPageModel(settings, typedColumns: typedColumns, problems: problems, typedTitle: typedTitle, t: req.localizer,
                                            csrf: req.csrfToken)
        let notice = PageQuery(req).notice
        return Pages.respond(req, title: model.heading, current: .importSettings,
                             flash: status == .ok && (notice == .saved || notice == .removed) ? req.localizer("import.settings_saved") : nil,
                             status: status, main: ImportSettingsPageView(model: model).main)
    }
}
