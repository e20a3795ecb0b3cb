struct RequestSupportPageModel {
    let heading: String
    let intro: String
    let involveLeaderLabel: String
    let outsideUnitLabel: String
    let privacyNote: String
    let submit: String
    let crisisText: String
    let csrf: String
    let submissionKey: String
}
