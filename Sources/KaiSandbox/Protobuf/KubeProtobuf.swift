import Foundation

/// Request bodies in `application/vnd.kubernetes.protobuf`, the encoding client-go's typed
/// clients send for built-in kinds (`kubectl create deployment`, `kubectl autoscale`, Helm's
/// release Secrets).
///
/// A body is the magic `k8s\0` followed by a `runtime.Unknown` envelope naming the apiVersion
/// and kind, whose raw bytes are the object. The object is decoded with the message layouts of
/// ``KubeProtobufSchema`` into the JSON the API would have received. A kind without a layout
/// is refused with 415, and the message says to send JSON.
enum KubeProtobuf {
    static let mediaType = "application/vnd.kubernetes.protobuf"
    private static let magic = Data("k8s\u{0}".utf8)

    /// Whether a Content-Type names this encoding.
    static func isProtobuf(_ contentType: String) -> Bool {
        contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } == mediaType
    }

    /// The object in `body` as JSON.
    static func decode(_ body: Data) throws(APIError) -> JSONValue {
        guard body.starts(with: magic) else {
            throw APIError.badRequest("the protobuf body does not start with the Kubernetes magic bytes \"k8s\\x00\"")
        }
        do {
            var apiVersion = "", kind = "", raw = Data()
            var envelope = ProtobufReader(body.dropFirst(magic.count))
            while let (field, value) = try envelope.next() {
                guard case .bytes(let bytes) = value else { continue }
                switch field {
                case 1:
                    var typeMeta = ProtobufReader(bytes)
                    while let (inner, part) = try typeMeta.next() {
                        guard case .bytes(let text) = part else { continue }
                        if inner == 1 { apiVersion = String(decoding: text, as: UTF8.self) }
                        if inner == 2 { kind = String(decoding: text, as: UTF8.self) }
                    }
                case 2: raw = Data(bytes)
                default: continue
                }
            }
            guard let message = KubeProtobufSchema.message(apiVersion: apiVersion, kind: kind) else {
                throw APIError(code: 415, reason: "UnsupportedMediaType",
                               message: "the kai sandbox cannot read \(apiVersion) \(kind) as \(mediaType); send application/json")
            }
            var object = try message.decode(raw)
            object["apiVersion"] = .string(apiVersion)
            object["kind"] = .string(kind)
            return object
        } catch let error as ProtobufReader.Malformed {
            throw APIError.badRequest("the protobuf body is malformed: \(error.description)")
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError.badRequest("the protobuf body is malformed: \(error)")
        }
    }
}
