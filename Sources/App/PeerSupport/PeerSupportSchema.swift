/// The peer-support scheme's tables, named once for the migration and the queries.
enum PeerSupportSchema {
    static let teams = "support_teams"
    static let profiles = "supporter_profiles"
    static let teamMembers = "supporter_team_members"
    static let unitsServed = "supporter_units_served"
    static let languages = "supporter_languages"
    static let leaves = "supporter_leaves"
    static let rotaShifts = "rota_shifts"
    static let rotaExceptions = "rota_exceptions"
    static let requests = "support_requests"
    static let passes = "support_request_passes"
    static let contacts = "support_contacts"
}
