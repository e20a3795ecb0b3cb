import Foundation

/// Who leads a person: the leaders of the person's own units, or failing that of the nearest unit above them.
public enum NearestLeader {
    /// Walks up the unit tree from `units` one level at a time and returns a leader of the first level that has
    /// one other than `excluded` (a leader is never their own leader). Ties are broken by id so the answer is
    /// stable.
    public static func find(from units: Set<UUID>, parents: [UUID: UUID?], leadersByUnit: [UUID: Set<UUID>], excluding excluded: UUID) -> UUID? {
        var level = units
        var seen: Set<UUID> = []
        while !level.isEmpty {
            let candidates = level.flatMap { leadersByUnit[$0] ?? [] }.filter { $0 != excluded }
            if let first = candidates.min(by: { $0.uuidString < $1.uuidString }) { return first }
            seen.formUnion(level)
            level = Set(level.compactMap { parents[$0] ?? nil }).subtracting(seen)
        }
        return nil
    }
}
