import Foundation

/// The signed-in person as the access rules see them.
public struct Actor: Sendable, Equatable {
    public var personID: UUID
    public var organizationID: UUID
    public var roles: Set<Role>
    /// Units the person leads, including every unit below them in the tree.
    public var leaderScope: Set<UUID>

    public init(personID: UUID, organizationID: UUID, roles: Set<Role>, leaderScope: Set<UUID>) {
        self.personID = personID
        self.organizationID = organizationID
        self.roles = roles.union([.involved])
        self.leaderScope = roles.contains(.leader) ? leaderScope : []
    }

    public func leads(anyOf units: Set<UUID>) -> Bool { !leaderScope.isDisjoint(with: units) }
}

public enum UnitTree {
    /// The given units and all their descendants. `parents` maps a unit to its parent.
    public static func withDescendants(_ roots: Set<UUID>, parents: [UUID: UUID?]) -> Set<UUID> {
        var result = roots
        var changed = true
        while changed {
            changed = false
            for (unit, parent) in parents where !result.contains(unit) {
                if let parent, result.contains(parent) {
                    result.insert(unit)
                    changed = true
                }
            }
        }
        return result
    }

    /// The unit and every unit above it.
    public static func lineage(of unit: UUID, parents: [UUID: UUID?]) -> Set<UUID> {
        var result: Set<UUID> = [unit]
        var current = unit
        while let parent = parents[current] ?? nil, !result.contains(parent) {
            result.insert(parent)
            current = parent
        }
        return result
    }
}
