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
        var headers: HTTPHeaders = [:]
        var queries: Int { headers.first(name: QueryCounting.header).flatMap(Int.init) ?? -1 }

        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:] }
        var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
        var text: String { String(buffer: body) }
        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode(T.self, from: Data(buffer: body))
        }
    }

    func send(_ method: HTTPMethod, _ path: String, json: Any? = nil, raw: String? = nil, bytes: [UInt8]? = nil,
              contentType: HTTPMediaType? = .json, headers: [(String, String)] = []) async throws -> Answer {
        var answer: Answer?
        try await app.testing().test(method, path, beforeRequest: { req in
            if let token { req.headers.bearerAuthorization = BearerAuthorization(token: token) }
            for (name, value) in headers { req.headers.replaceOrAdd(name: name, value: value) }
            if let json {
                req.body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: json))
            } else if let raw {
                req.body = ByteBuffer(string: raw)
            } else if let bytes {
                req.body = ByteBuffer(bytes: bytes)
            }
            if json != nil || raw != nil || bytes != nil {
                if let contentType { req.headers.contentType = contentType } else { req.headers.remove(name: .contentType) }
            }
        }, afterResponse: { res in
            answer = Answer(status: res.status, body: res.body, headers: res.headers)
        })
        return try #require(answer)
    }
}
