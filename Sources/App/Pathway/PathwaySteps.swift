import Domain
import Fluent
import Foundation

enum PathwaySteps {
    /// Stores a case's steps and, when someone owns the case, schedules a reminder before each due time.
    @discardableResult
    static func create(_ steps: [PathwayStep], caseID: UUID, organizationID: UUID, remind: Bool, now: Date,
                       ids: () -> UUID, on db: any Database) async throws -> [StepRecord] {
        var records: [StepRecord] = []
        for step in steps {
            let record = StepRecord(id: ids(), organizationID: organizationID, caseID: caseID, step: step, at: now)
            try await record.create(on: db)
            records.append(record)
        }
        if remind {
            try await Reminders.schedule(for: records, organizationID: organizationID, now: now, ids: ids, on: db)
        }
        return records
    }
}
