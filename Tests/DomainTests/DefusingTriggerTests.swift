import Foundation
import Testing
@testable import Domain

@Suite("Defusing triggers")
struct DefusingTriggerTests {
    let hospital = UUID()
    let surgery = UUID()
    let theatre = UUID()
    let medicine = UUID()

    var parents: [UUID: UUID?] { [hospital: nil, surgery: hospital, theatre: surgery, medicine: hospital] }

    func rule(_ name: String, unit: UUID?, kinds: Set<EventKind> = [], minimum: Severity? = nil, tags: Set<EventTag> = []) -> DefusingTriggerRule {
        DefusingTriggerRule(id: UUID(), name: name, unitID: unit, kinds: kinds, minimumSeverity: minimum, tags: tags)
    }

    func input(_ kind: EventKind, _ severity: Severity, tags: Set<EventTag> = [], unit: UUID, asked: Bool = false) -> DefusingTriggerInput {
        DefusingTriggerInput(kind: kind, severity: severity, tags: tags, unitLineage: UnitTree.lineage(of: unit, parents: parents), someoneAskedForIt: asked)
    }

    @Test func ruleOnADepartmentCoversItsWardsButNotOtherDepartments() {
        let rules = [rule("Death on the table", unit: surgery, tags: [.deathOnTable])]
        #expect(DefusingTriggers.matches(rules, for: input(.unexpectedDeath, .critical, tags: [.deathOnTable], unit: theatre)).map(\.label) == ["Death on the table"])
        #expect(DefusingTriggers.matches(rules, for: input(.unexpectedDeath, .critical, tags: [.deathOnTable], unit: medicine)).isEmpty)
    }

    @Test func minimumSeverityAndKind() {
        let rules = [rule("Serious adverse event", unit: nil, kinds: [.adverseEventHarm], minimum: .serious)]
        #expect(DefusingTriggers.matches(rules, for: input(.adverseEventHarm, .serious, unit: medicine)).count == 1)
        #expect(DefusingTriggers.matches(rules, for: input(.adverseEventHarm, .critical, unit: medicine)).count == 1)
        #expect(DefusingTriggers.matches(rules, for: input(.adverseEventHarm, .moderate, unit: medicine)).isEmpty)
        #expect(DefusingTriggers.matches(rules, for: input(.nearMiss, .critical, unit: medicine)).isEmpty)
    }

    @Test func tagsMatchWhenAnyIsPresent() {
        let rules = [rule("Trauma call", unit: nil, tags: [.traumaCall, .childDonor])]
        #expect(DefusingTriggers.matches(rules, for: input(.otherDistressing, .minor, tags: [.childDonor], unit: theatre)).count == 1)
        #expect(DefusingTriggers.matches(rules, for: input(.otherDistressing, .minor, unit: theatre)).isEmpty)
    }

    @Test func aPersonAskingAlwaysMatches() {
        let matches = DefusingTriggers.matches([], for: input(.nearMiss, .minor, unit: medicine, asked: true))
        #expect(matches == [.personAsked])
    }
}
