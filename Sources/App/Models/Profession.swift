import Fluent
import Foundation

enum Profession: String, CaseIterable, Codable, Sendable {
    case nurse, physician
    case careWorker = "care_worker"
    case midwife, porter, student
    case radiographer, psychologist
    case other
}
