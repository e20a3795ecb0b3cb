import Fluent
import Foundation
import Testing
import Vapor
@testable import App

/// A person who asks for support without their leader decides that alone: no leader sees the case, nor
/// that it exists, whatever their units.
@Suite("The person's own choice wins")
struct SelfReferralPrivacyTests {
    @Test func aRequestKeptFromTheLeaderIsTheirsAlone() async throws {
        try await withTestApp { app in
            let nurse = try await APIClient.signIn(app, as: "nurse")
            let kept = try await nurse.send(.POST, "/api/v1/support-requests", json: ["involveLeader": false]).decode(APIModels.SupportRequestCreated.self)
            let shared = try await nurse.send(.POST, "/api/v1/support-requests", json: ["involveLeader": true]).decode(APIModels.SupportRequestCreated.self)

            #expect(try await nurse.send(.GET, "/api/v1/cases/\(kept.caseId)").status == .ok)
            for username in ["leader", "director", "leader2", "coordinator", "admin", "outsider"] {
                let client = try await APIClient.signIn(app, as: username)
                let answer = try await client.send(.GET, "/api/v1/cases/\(kept.caseId)")
                #expect(answer.status == .notFound, "\(username) via the API")
                #expect(answer.errorCode == "not_found")
                let move = try await client.send(.POST, "/api/v1/cases/\(kept.caseId)/steps/peer_support", json: ["status": "offered"])
                #expect(move.status == .notFound, "\(username) moving a step")
                let page = try await Browser.signedIn(app, as: username).get(SiteRoute.caseDetail(kept.caseId).path)
                #expect(page.status == .notFound, "\(username) on the page")
            }
            // Shared with the leader, the same kind of request is the leader's to follow.
            let leader = try await APIClient.signIn(app, as: "leader")
            #expect(try await leader.send(.GET, "/api/v1/cases/\(shared.caseId)").status == .ok)
            #expect(try await Browser.signedIn(app, as: "leader").get(SiteRoute.caseDetail(shared.caseId).path).status == .ok)
            // Nor does the kept case show among the leader's tasks.
            let tasks = try await Browser.signedIn(app, as: "leader").get(SiteRoute.tasks.path)
            #expect(!tasks.html.contains(kept.caseId.uuidString))
        }
    }
}
