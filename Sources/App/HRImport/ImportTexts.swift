import Domain
import Foundation

/// What an import's problems and changes say, in the reader's language.
enum ImportTexts {
    static func reason(_ problem: ImportProblem, _ t: Localizer) -> String {
        t("import.problem.\(problem.reason.rawValue)", ["value": problem.value ?? "", "column": problem.column])
    }

    /// "Line 4, email: Not an e-mail address."
    static func line(_ problem: ImportProblem, _ t: Localizer) -> String {
        let arguments = ["line": "\(problem.line)", "column": problem.column, "message": reason(problem, t)]
        return problem.column.isEmpty ? t("import.error_line_whole", arguments) : t("import.error_line", arguments)
    }
}
