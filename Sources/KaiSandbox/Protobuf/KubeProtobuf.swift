import Foundation

/// Request bodies in `application/vnd.kubernetes.protobuf`, the encoding client-go's typed
/// clients send for built-in kinds (Helm stores its releases in Secrets this way).
///
/// A body is the magic `k8s\0` followed by a `runtime.Unknown` envelope naming the
/// apiVersion and kind, whose raw bytes are the object. The object is decoded by a message
/// layout per kind into the same JSON the API would have received; the kinds clients send
/// this way to the sandbox are listed in ``layouts``. Any other kind is refused with 415, and
/// the message says to send JSON.
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
            guard let layout = layouts["\(apiVersion)/\(kind)"] else {
                throw APIError(code: 415, reason: "UnsupportedMediaType",
                               message: "the kai sandbox reads \(mediaType) bodies only for \(layouts.keys.sorted().joined(separator: ", ")), not \(apiVersion)/\(kind); send application/json")
            }
            var object = try layout.decode(raw)
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

    /// Message layouts of the kinds clients send as protobuf, by `apiVersion/kind`.
    static let layouts: [String: MessageLayout] = [
        "v1/Secret": MessageLayout([
            1: .message("metadata", .objectMeta), 2: .map("data", valueIsBytes: true), 3: .string("type"),
            4: .map("stringData", valueIsBytes: false), 5: .bool("immutable"),
        ]),
        "v1/ConfigMap": MessageLayout([
            1: .message("metadata", .objectMeta), 2: .map("data", valueIsBytes: false),
            3: .map("binaryData", valueIsBytes: true), 4: .bool("immutable"),
        ]),
        "v1/Namespace": MessageLayout([
            1: .message("metadata", .objectMeta),
            2: .message("spec", MessageLayout([1: .repeatedString("finalizers")])),
            3: .message("status", MessageLayout([1: .string("phase")])),
        ]),
    ]
}

/// How the fields of one protobuf message map to JSON.
struct MessageLayout: Sendable {
    indirect enum Field: Sendable {
        case string(String)
        case int(String)
        case bool(String)
        /// A `meta/v1.Time`: seconds and nanoseconds, written as RFC 3339.
        case time(String)
        case message(String, MessageLayout)
        case repeatedMessage(String, MessageLayout)
        case repeatedString(String)
        /// `map<string, string>` or, with `valueIsBytes`, `map<string, bytes>` (base64 in JSON).
        case map(String, valueIsBytes: Bool)
    }

    let fields: [Int: Field]

    init(_ fields: [Int: Field]) { self.fields = fields }

    static let ownerReference = MessageLayout([
        1: .string("kind"), 3: .string("name"), 4: .string("uid"), 5: .string("apiVersion"),
        6: .bool("controller"), 7: .bool("blockOwnerDeletion"),
    ])

    static let objectMeta = MessageLayout([
        1: .string("name"), 2: .string("generateName"), 3: .string("namespace"), 5: .string("uid"),
        6: .string("resourceVersion"), 7: .int("generation"), 8: .time("creationTimestamp"), 9: .time("deletionTimestamp"),
        10: .int("deletionGracePeriodSeconds"), 11: .map("labels", valueIsBytes: false), 12: .map("annotations", valueIsBytes: false),
        13: .repeatedMessage("ownerReferences", ownerReference), 14: .repeatedString("finalizers"),
    ])

    /// The message in `data` as a JSON object; fields left at their zero value are omitted, as Go's JSON does.
    func decode(_ data: Data) throws -> JSONValue {
        var object: [String: JSONValue] = [:]
        var reader = ProtobufReader(data)
        while let (number, value) = try reader.next() {
            guard let field = fields[number] else { continue }
            switch (field, value) {
            case (.string(let name), .bytes(let bytes)):
                if !bytes.isEmpty { object[name] = .string(String(decoding: bytes, as: UTF8.self)) }
            case (.int(let name), .varint(let number)):
                if number != 0 { object[name] = .int(Int64(bitPattern: number)) }
            case (.bool(let name), .varint(let number)):
                object[name] = .bool(number != 0)
            case (.time(let name), .bytes(let bytes)):
                if let stamp = try Self.time(bytes) { object[name] = .string(stamp) }
            case (.message(let name, let layout), .bytes(let bytes)):
                object[name] = try layout.decode(bytes)
            case (.repeatedMessage(let name, let layout), .bytes(let bytes)):
                object[name] = .array((object[name]?.array ?? []) + [try layout.decode(bytes)])
            case (.repeatedString(let name), .bytes(let bytes)):
                object[name] = .array((object[name]?.array ?? []) + [.string(String(decoding: bytes, as: UTF8.self))])
            case (.map(let name, let valueIsBytes), .bytes(let bytes)):
                var entry = ProtobufReader(bytes)
                var key = "", text: JSONValue = .string("")
                while let (part, inner) = try entry.next() {
                    guard case .bytes(let content) = inner else { continue }
                    if part == 1 { key = String(decoding: content, as: UTF8.self) }
                    if part == 2 {
                        text = .string(valueIsBytes ? Data(content).base64EncodedString() : String(decoding: content, as: UTF8.self))
                    }
                }
                var map = object[name]?.object ?? [:]
                map[key] = text
                object[name] = .object(map)
            default:
                throw ProtobufReader.Malformed(description: "field \(number) has an unexpected wire type")
            }
        }
        return .object(object)
    }

    private static func time(_ data: Data) throws -> String? {
        var reader = ProtobufReader(data)
        var seconds: Int64 = 0
        while let (field, value) = try reader.next() {
            if field == 1, case .varint(let number) = value { seconds = Int64(bitPattern: number) }
        }
        return seconds == 0 ? nil : Timestamp.format(Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
