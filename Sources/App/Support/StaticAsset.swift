import Fluent
import SQLKit
import Vapor

enum StaticAsset {
    static func respond(_ req: Request, name: String, ext: String, type: HTTPMediaType) -> Response {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Resources/Public"),
              let data = try? Data(contentsOf: url)
        else { return Response(status: .notFound) }
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = type
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return response
    }
}
