/// The tables of check-ins. Answers are the person's own and are read by nobody else.
enum CheckInSchema {
    static let checkIns = "check_ins"
    static let answers = "check_in_answers"
}
