import Foundation
import NIOHTTP1
import Testing
import Vapor
import VaporTesting
@testable import App

/// Calls the JSON API as one signed-in user.
struct APIClient {
    let app: Application
    let token: String?

    static func signIn(_ app: Application, as username: String) async throws -> APIClient {
        var token: String?
        try await app.testing().test(.POST, "/api/v1/auth/token", beforeRequest: { req in
            try req.content.encode(["username": username, "password": DemoSeeder.password], as: .json)
        }, afterResponse: { res in
            #expect(res.status == .ok)
            token = try res.content.decode(APIModels.TokenResponse.self).token
        })
        return APIClient(app: app, token: try #require(token))
    }

    struct Answer {
        let status: HTTPStatus
        let body: ByteBuffer

        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:] }
        var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode(T.self, from: Data(buffer: body))
        }
    }

    func send(_ method: HTTPMethod, _ path: String, json: Any? = nil, raw: String? = nil) async throws -> Answer {
        var answer: Answer?
        try await app.testing().test(method, path, beforeRequest: { req in
            if let token { req.headers.bearerAuthorization = BearerAuthorization(token: token) }
            if let json {
                req.headers.contentType = .json
                req.body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: json))
            } else if let raw {
                req.headers.contentType = .json
                req.body = ByteBuffer(string: raw)
            }
        }, afterResponse: { res in
            answer = Answer(status: res.status, body: res.body)
        })
        return try #require(answer)
    }
}
