import Domain
import Fluent
import Foundation
import SQLKit

extension DemoSeeder.Seeder {
    struct DemoEvents {
        let medication: UUID
        let death: UUID
        let violence: UUID
    }

    /// The events at different points: two days ago a defusing conversation was held; six weeks ago the review
    /// has one proposal adopted and one overdue for an answer; five months ago the review found no failure,
    /// the family was met and regret expressed, and a proposal was not adopted, with its reason.
    func seedAcutePhaseAndReviews(_ org: UUID, _ events: DemoEvents, leader: UUID, leader2: UUID, quality: UUID, director: UUID) async throws {
        let sql = try db.sql()
        let day: TimeInterval = 86400
        func people(of event: UUID) async throws -> [UUID] {
            try await sql.raw("SELECT person_id FROM cases WHERE organization_id = \(bind: org) AND event_id = \(bind: event) ORDER BY id").all()
                .map { try $0.decode(column: "person_id", as: UUID.self) }
        }

        let conversation = id(), heldAt = now - 2 * day + 3 * 3600
        let medicationPeople = try await people(of: events.medication)
        try await sql.insert(into: DefusingSchema.conversations).columns("id", "organization_id", "event_id", "held_by", "held_at", "duration_minutes", "recorded_at")
            .values(SQLBind(conversation), SQLBind(org), SQLBind(events.medication), SQLBind(leader), SQLBind(heldAt), SQLBind(35), SQLBind(heldAt + 3600)).run()
        for (position, fact) in ["Evening round: the dose was given", "Handover: the error was found", "Patient moved to intensive care"].enumerated() {
            try await sql.insert(into: DefusingSchema.facts).columns("id", "organization_id", "conversation_id", "position", "at", "fact")
                .values(SQLBind(id()), SQLBind(org), SQLBind(conversation), SQLBind(position), SQLBind(now - 2 * day + Double(position) * 1800), SQLBind(fact)).run()
        }
        for reminder in DefusingReminder.allCases {
            try await sql.insert(into: DefusingSchema.reminders).columns("id", "organization_id", "conversation_id", "reminder")
                .values(SQLBind(id()), SQLBind(org), SQLBind(conversation), SQLBind(reminder.rawValue)).run()
        }
        for (index, person) in medicationPeople.enumerated() {
            try await sql.insert(into: DefusingSchema.participants)
                .columns("id", "organization_id", "conversation_id", "event_id", "person_id", "wants_colleague", "practical_help", "has_someone_tonight")
                .values(SQLBind(id()), SQLBind(org), SQLBind(conversation), SQLBind(events.medication), SQLBind(person), SQLBind(index == 0),
                        SQLBind(index == 1 ? PracticalHelp.transportHome.rawValue : nil), SQLBind(true)).run()
        }

        func review(_ event: UUID, facilitator: UUID, scheduled: Date, due: Date, conclusion: ReviewConclusion?) async throws -> UUID {
            let review = id()
            try await sql.insert(into: ReviewSchema.reviews)
                .columns("id", "organization_id", "event_id", "owner_id", "facilitator_id", "scheduled_at", "due_at", "created_at", "conclusion")
                .values(SQLBind(review), SQLBind(org), SQLBind(event), SQLBind(quality), SQLBind(facilitator), SQLBind(scheduled), SQLBind(due),
                        SQLBind(scheduled - 7 * day), SQLBind(conclusion?.rawValue)).run()
            for person in try await people(of: event) {
                try await sql.insert(into: ReviewSchema.invitations).columns("id", "organization_id", "review_id", "person_id")
                    .values(SQLBind(id()), SQLBind(org), SQLBind(review), SQLBind(person)).run()
            }
            return review
        }
        func proposal(_ review: UUID, _ text: String, by person: UUID, at proposed: Date, answer: ProposalAnswer?, reason: String?) async throws -> UUID {
            let proposal = id()
            try await sql.insert(into: ReviewSchema.proposals)
                .columns("id", "organization_id", "review_id", "text", "proposed_by", "proposed_at", "answer_due", "answer", "reason", "answered_at",
                         "answered_by", "version")
                .values(SQLBind(proposal), SQLBind(org), SQLBind(review), SQLBind(text), SQLBind(person), SQLBind(proposed),
                        SQLBind(LearningReviewRules.answerDue(proposedAt: proposed)), SQLBind(answer?.rawValue), SQLBind(reason),
                        SQLBind(answer == nil ? nil : proposed + 7 * day), SQLBind(answer == nil ? nil : quality), SQLBind(answer == nil ? 1 : 2)).run()
            return proposal
        }

        let deathPeople = try await people(of: events.death)
        let deathReview = try await review(events.death, facilitator: director, scheduled: now - 35 * day, due: now + 50 * day, conclusion: nil)
        _ = try await proposal(deathReview, "Keep a second vascular surgeon on call for ruptured aneurysms at night", by: deathPeople.first ?? leader,
                               at: now - 35 * day, answer: .adopted, reason: nil)
        _ = try await proposal(deathReview, "Brief the theatre team on the massive transfusion protocol every term", by: deathPeople.last ?? leader,
                               at: now - 34 * day, answer: nil, reason: nil)

        let violenceReview = try await review(events.violence, facilitator: quality, scheduled: now - 120 * day, due: now - 30 * day, conclusion: .noFailure)
        _ = try await proposal(violenceReview, "A guard in the waiting area every evening", by: leader2, at: now - 120 * day, answer: .notAdopted,
                                        reason: "Security now answers the alarm within three minutes; a standing guard was weighed against that.")
        let meeting = id()
        try await sql.insert(into: ReviewSchema.familyMeetings)
            .columns("id", "organization_id", "event_id", "held_at", "kind", "support_person_id", "recorded_by", "recorded_at")
            .values(SQLBind(meeting), SQLBind(org), SQLBind(events.violence), SQLBind(now - 100 * day), SQLBind(FamilyMeetingKind.regret.rawValue),
                    SQLBind(nil as UUID?), SQLBind(leader2), SQLBind(now - 100 * day)).run()
        for role in [AttendeeRole.relative, .leader, .qualityAdvisor] {
            try await sql.insert(into: ReviewSchema.familyAttendees).columns("id", "organization_id", "meeting_id", "role")
                .values(SQLBind(id()), SQLBind(org), SQLBind(meeting), SQLBind(role.rawValue)).run()
        }
    }
}
