import Foundation

/// The message layouts of the Kubernetes kinds, read from the generated ``KubeProtobufSchema/text``.
enum KubeProtobufSchema {
    /// The type of one field's values.
    enum ValueType: Sendable {
        case string, bool, signed, unsigned, bytes, double, float
        case message(String)
    }

    /// One field: its JSON name (nil when its struct's fields are inlined into the parent), type and shape.
    struct Field: Sendable {
        let jsonName: String?
        let type: ValueType
        let repeated: Bool
        let map: Bool
        /// Go's omitempty on a plain number or boolean: a zero is left out of the JSON.
        let omitZero: Bool
    }

    /// One message, decodable into JSON.
    struct Message: Sendable {
        let name: String
        let fields: [Int: Field]
    }

    /// The layout of `apiVersion`'s `kind`: `apps/v1` Deployment is `k8s.io.api.apps.v1.Deployment`.
    static func message(apiVersion: String, kind: String) -> Message? {
        let parts = apiVersion.split(separator: "/").map(String.init)
        let (group, version) = parts.count == 2 ? (parts[0], parts[1]) : ("", parts.first ?? "")
        let package = group == "meta.k8s.io" ? "k8s.io.apimachinery.pkg.apis.meta"
            : "k8s.io.api." + (group.isEmpty ? "core" : String(group.split(separator: ".").first ?? ""))
        // Options such as DeleteOptions are meta's, though clients send them under the resource's own
        // group version (client-go's typed clients delete with a "v1 DeleteOptions" body).
        return message(named: "\(package).\(version).\(kind)") ?? message(named: "k8s.io.apimachinery.pkg.apis.meta.v1.\(kind)")
    }

    static func message(named name: String) -> Message? {
        layouts[name].map { Message(name: name, fields: $0) }
    }

    private static let layouts: [String: [Int: Field]] = {
        var result: [String: [Int: Field]] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.trimmingCharacters(in: .whitespaces).split(separator: "|").map(String.init)
            guard let name = parts.first else { continue }
            var fields: [Int: Field] = [:]
            for part in parts.dropFirst() {
                let pieces = part.split(separator: " ").map(String.init)
                guard pieces.count == 3, let number = Int(pieces[0]) else { continue }
                var code = Substring(pieces[2])
                let repeated = code.hasPrefix("*"), map = code.hasPrefix("m"), omitZero = code.hasSuffix("?")
                if repeated || map { code = code.dropFirst() }
                if omitZero { code = code.dropLast() }
                fields[number] = Field(jsonName: pieces[1] == "-" ? nil : pieces[1], type: valueType(code), repeated: repeated,
                                       map: map, omitZero: omitZero)
            }
            result[name] = fields
        }
        return result
    }()

    private static func valueType(_ code: Substring) -> ValueType {
        switch code {
        case "s": .string
        case "b": .bool
        case "i": .signed
        case "u": .unsigned
        case "y": .bytes
        case "d": .double
        case "f": .float
        default: .message(String(code.dropFirst()))
        }
    }
}

extension KubeProtobufSchema.Message {
    /// The message in `data` as the JSON object the API would have received. Empty strings, and
    /// zero numbers and booleans of `omitZero` fields, are left out as Go's `omitempty` does.
    func decode(_ data: Data) throws -> JSONValue {
        var object: [String: JSONValue] = [:]
        try decode(data, into: &object)
        return .object(object)
    }

    private func decode(_ data: Data, into object: inout [String: JSONValue]) throws {
        var reader = ProtobufReader(data)
        while let (number, raw) = try reader.next() {
            guard let field = fields[number] else { continue }
            guard let name = field.jsonName else {
                // An embedded struct: its fields belong to this object in JSON.
                guard case .message(let inner) = field.type, case .bytes(let bytes) = raw,
                      let message = KubeProtobufSchema.message(named: inner) else { continue }
                try message.decode(bytes, into: &object)
                continue
            }
            if field.map {
                guard case .bytes(let entry) = raw else { throw malformed(number) }
                let (key, value) = try mapEntry(entry, valueType: field.type)
                var map = object[name]?.object ?? [:]
                map[key] = value
                object[name] = .object(map)
            } else if field.repeated {
                var list = object[name]?.array ?? []
                if case .bytes(let packed) = raw, field.type.isNumeric {
                    var inner = ProtobufReader(packed)
                    while let value = try inner.nextPackedVarint() { list.append(try Self.value(.varint(value), as: field.type, number: number) ?? .null) }
                } else if let value = try Self.value(raw, as: field.type, number: number, keepEmpty: true) {
                    list.append(value)
                }
                object[name] = .array(list)
            } else if let value = try Self.value(raw, as: field.type, number: number) {
                if field.omitZero, [.int(0), .bool(false), .double(0)].contains(value) { continue }
                object[name] = value
            }
        }
    }

    private func mapEntry(_ data: Data, valueType: KubeProtobufSchema.ValueType) throws -> (String, JSONValue) {
        var reader = ProtobufReader(data)
        var key = "", value: JSONValue = valueType.emptyValue
        while let (number, raw) = try reader.next() {
            if number == 1, case .bytes(let text) = raw { key = String(decoding: text, as: UTF8.self) }
            if number == 2 { value = try Self.value(raw, as: valueType, number: 2, keepEmpty: true) ?? valueType.emptyValue }
        }
        return (key, value)
    }

    private func malformed(_ number: Int) -> ProtobufReader.Malformed {
        ProtobufReader.Malformed(description: "field \(number) of \(name) has an unexpected wire type")
    }

    private static func value(_ raw: ProtobufReader.Value, as type: KubeProtobufSchema.ValueType, number: Int,
                              keepEmpty: Bool = false) throws -> JSONValue? {
        switch (type, raw) {
        case (.string, .bytes(let bytes)):
            return bytes.isEmpty && !keepEmpty ? nil : .string(String(decoding: bytes, as: UTF8.self))
        case (.bytes, .bytes(let bytes)):
            return .string(Data(bytes).base64EncodedString())
        case (.bool, .varint(let value)):
            return .bool(value != 0)
        case (.signed, .varint(let value)):
            return .int(Int64(bitPattern: value))
        case (.unsigned, .varint(let value)):
            return .int(Int64(clamping: value))
        case (.double, .fixed64(let bits)):
            return .double(Double(bitPattern: bits))
        case (.float, .fixed32(let bits)):
            return .double(Double(Float(bitPattern: bits)))
        case (.message(let name), .bytes(let bytes)):
            if let special = SpecialMessage(rawValue: name) { return try special.decode(Data(bytes)) }
            guard let message = KubeProtobufSchema.message(named: name) else { return nil }
            return try message.decode(Data(bytes))
        default:
            throw ProtobufReader.Malformed(description: "field \(number) has an unexpected wire type for its declared type")
        }
    }
}

extension KubeProtobufSchema.ValueType {
    var isNumeric: Bool {
        switch self {
        case .bool, .signed, .unsigned, .double, .float: true
        default: false
        }
    }

    /// What a map entry without a value holds.
    var emptyValue: JSONValue {
        switch self {
        case .string, .bytes, .message: .string("")
        case .bool: .bool(false)
        default: .int(0)
        }
    }
}

/// apimachinery types whose JSON form is not an object of their fields.
private enum SpecialMessage: String {
    case time = "k8s.io.apimachinery.pkg.apis.meta.v1.Time"
    case microTime = "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime"
    case duration = "k8s.io.apimachinery.pkg.apis.meta.v1.Duration"
    case quantity = "k8s.io.apimachinery.pkg.api.resource.Quantity"
    case intOrString = "k8s.io.apimachinery.pkg.util.intstr.IntOrString"
    case rawExtension = "k8s.io.apimachinery.pkg.runtime.RawExtension"

    /// The JSON of one such value; nil for a zero time, which Go writes as null.
    func decode(_ data: Data) throws -> JSONValue? {
        var fields: [Int: ProtobufReader.Value] = [:]
        var reader = ProtobufReader(data)
        while let (number, value) = try reader.next() { fields[number] = value }
        func int(_ number: Int) -> Int64 {
            if case .varint(let value) = fields[number] { return Int64(bitPattern: value) }
            return 0
        }
        func text(_ number: Int) -> String {
            if case .bytes(let bytes) = fields[number] { return String(decoding: bytes, as: UTF8.self) }
            return ""
        }
        switch self {
        case .time, .microTime:
            let seconds = int(1)
            guard seconds != 0 else { return nil }
            let date = Date(timeIntervalSince1970: TimeInterval(seconds) + TimeInterval(int(2)) / 1e9)
            if self == .time { return .string(Timestamp.format(date)) }
            return .string(date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true)).replacingOccurrences(of: "Z", with: "000Z"))
        case .duration:
            return .string(GoDuration.format(nanoseconds: int(1)))
        case .quantity:
            return .string(text(1))
        case .intOrString:
            return int(1) == 1 ? .string(text(3)) : .int(int(2))
        case .rawExtension:
            guard case .bytes(let bytes) = fields[1] else { return nil }
            return (try? JSONValue.parse(Data(bytes))) ?? .string(Data(bytes).base64EncodedString())
        }
    }
}

/// Durations as Go's `time.Duration.String` writes them: "1h2m3s", "1.5s", "300ms".
enum GoDuration {
    static func format(nanoseconds: Int64) -> String {
        guard nanoseconds != 0 else { return "0s" }
        let sign = nanoseconds < 0 ? "-" : ""
        let total = nanoseconds.magnitude
        if total < 1_000_000_000 {
            let (unit, size): (String, UInt64) = total < 1_000 ? ("ns", 1) : total < 1_000_000 ? ("µs", 1_000) : ("ms", 1_000_000)
            return sign + decimal(total, size) + unit
        }
        let hours = total / 3_600_000_000_000, minutes = total / 60_000_000_000 % 60
        let seconds = decimal(total % 60_000_000_000, 1_000_000_000) + "s"
        return sign + (hours > 0 ? "\(hours)h\(minutes)m" : minutes > 0 ? "\(minutes)m" : "") + seconds
    }

    private static func decimal(_ value: UInt64, _ unit: UInt64) -> String {
        let whole = value / unit, fraction = value % unit
        guard fraction > 0 else { return String(whole) }
        var digits = String(fraction)
        digits = String(repeating: "0", count: String(unit).count - 1 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }
}
