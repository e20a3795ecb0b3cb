/// The tables of professional help: services, referrals, and the check-ins shared in a referral.
enum ReferralSchema {
    static let services = "services"
    static let referrals = "referrals"
    static let sharedCheckIns = "referral_check_ins"
}
