import Foundation

/// JSON that names a key twice in one object means different things to different readers (ours took the
/// first, a proxy might take the last), so it is refused. Foundation's parser accepts it silently; this scan
/// finds it in one pass over a body already known to be valid JSON.
enum DuplicateKeys {
    private enum Container {
        case object(keys: Set<String>, expectingKey: Bool)
        case array
    }

    /// The first key some object names twice, or nil.
    static func first(in bytes: Data) -> String? {
        var stack: [Container] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                let start = index
                index += 1
                while index < bytes.endIndex, bytes[index] != UInt8(ascii: "\"") {
                    index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                guard index < bytes.endIndex else { return nil }
                if case .object(var keys, true) = stack.last {
                    // Decoded, so that "a" and "\u0061" are the same key.
                    let key = (try? JSONDecoder().decode(String.self, from: bytes[start...index])) ?? ""
                    guard keys.insert(key).inserted else { return key }
                    stack[stack.count - 1] = .object(keys: keys, expectingKey: false)
                }
            case UInt8(ascii: "{"): stack.append(.object(keys: [], expectingKey: true))
            case UInt8(ascii: "["): stack.append(.array)
            case UInt8(ascii: "}"), UInt8(ascii: "]"): _ = stack.popLast()
            case UInt8(ascii: ","):
                if case .object(let keys, _) = stack.last { stack[stack.count - 1] = .object(keys: keys, expectingKey: true) }
            default: break
            }
            index += 1
        }
        return nil
    }
}
