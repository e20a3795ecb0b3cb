/// What the one who holds a defusing conversation reminds everyone of before they go home, ticked as given.
public enum DefusingReminder: String, CaseIterable, Sendable, Codable {
    /// Reactions are normal and usually fade.
    case normalReactions = "normal_reactions"
    /// Rest, food, and being with people you care about.
    case restAndPeople = "rest_and_people"
    /// Alcohol and sleeping pills make sleep worse, not better.
    case alcoholAndSleep = "alcohol_and_sleep"
    /// Whom to contact, with the organization's numbers.
    case whoToContact = "who_to_contact"
}

/// The practical help a participant needs now; it becomes the `adjustments` step, offered.
public enum PracticalHelp: String, CaseIterable, Sendable, Codable {
    case relievedNow = "relieved_now"
    case transportHome = "transport_home"
    case someoneToCall = "someone_to_call"
    case other
}
