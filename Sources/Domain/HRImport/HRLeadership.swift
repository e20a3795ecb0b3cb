import Foundation

/// Who leads which unit according to HR: the leader named in `units.csv`, or — for a unit with none named there —
/// the manager that most of the unit's people name in `people.csv` (ties go to the lowest employee number). Only
/// active people lead. Units are named by code and people by employee number, so a preview can say it before
/// anything is written.
public enum HRLeadership {
    public struct Unit: Sendable {
        public let code: String
        public let leader: String?

        public init(code: String, leader: String?) {
            self.code = code
            self.leader = leader
        }
    }

    public struct Person: Sendable {
        public let employeeNumber: String
        public let units: Set<String>
        public let manager: String?
        public let active: Bool

        public init(employeeNumber: String, units: Set<String>, manager: String?, active: Bool) {
            self.employeeNumber = employeeNumber
            self.units = units
            self.manager = manager
            self.active = active
        }
    }

    public struct Scope: Sendable, Hashable, Comparable {
        public let employeeNumber: String
        public let unitCode: String

        public init(employeeNumber: String, unitCode: String) {
            self.employeeNumber = employeeNumber
            self.unitCode = unitCode
        }

        public static func < (lhs: Scope, rhs: Scope) -> Bool {
            (lhs.unitCode, lhs.employeeNumber) < (rhs.unitCode, rhs.employeeNumber)
        }
    }

    public static func scopes(units: [Unit], people: [Person]) -> Set<Scope> {
        let active = Set(people.filter(\.active).map(\.employeeNumber))
        var managersNamed: [String: [String: Int]] = [:]
        for person in people where person.active {
            guard let manager = person.manager, active.contains(manager) else { continue }
            for unit in person.units { managersNamed[unit, default: [:]][manager, default: 0] += 1 }
        }
        var scopes: Set<Scope> = []
        for unit in units {
            if let leader = unit.leader {
                if active.contains(leader) { scopes.insert(Scope(employeeNumber: leader, unitCode: unit.code)) }
            } else if let most = managersNamed[unit.code]?.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) {
                scopes.insert(Scope(employeeNumber: most.key, unitCode: unit.code))
            }
        }
        return scopes
    }

    /// What applying a file does to HR's scopes: the ones it gives and the ones it takes away.
    public struct Difference: Sendable, Equatable {
        public let gained: [Scope]
        public let lost: [Scope]

        public init(now: Set<Scope>, after: Set<Scope>) {
            gained = after.subtracting(now).sorted()
            lost = now.subtracting(after).sorted()
        }

        public var isEmpty: Bool { gained.isEmpty && lost.isEmpty }
    }
}
