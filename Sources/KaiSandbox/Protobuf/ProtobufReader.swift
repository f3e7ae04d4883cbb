import Foundation

/// Reads the protobuf wire format: a sequence of (field number, value) pairs, where a value
/// is a varint, a fixed 32- or 64-bit number, or a length-delimited run of bytes (a string,
/// bytes, an embedded message or a packed list).
struct ProtobufReader {
    /// One field as it appears on the wire.
    enum Value {
        case varint(UInt64)
        case fixed64(UInt64)
        case fixed32(UInt32)
        case bytes(Data)
    }

    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    private let data: Data
    private var index: Data.Index

    init(_ data: Data) {
        self.data = data
        self.index = data.startIndex
    }

    /// The next field, or nil at the end of the message.
    mutating func next() throws(Malformed) -> (field: Int, value: Value)? {
        guard index < data.endIndex else { return nil }
        let key = try varint()
        let field = Int(key >> 3)
        guard field > 0 else { throw Malformed(description: "field number 0 at byte \(index - data.startIndex)") }
        switch key & 7 {
        case 0: return (field, .varint(try varint()))
        case 1: return (field, .fixed64(UInt64(littleEndian: try fixed(8))))
        case 5: return (field, .fixed32(UInt32(truncatingIfNeeded: try fixed(4))))
        case 2:
            let length = try varint()
            guard length <= UInt64(data.endIndex - index) else {
                throw Malformed(description: "field \(field) claims \(length) bytes but only \(data.endIndex - index) remain")
            }
            let start = index
            index += Int(length)
            return (field, .bytes(data[start..<index]))
        case let wire:
            throw Malformed(description: "field \(field) has wire type \(wire), which Kubernetes objects never use")
        }
    }

    /// The next varint of a packed run (a repeated number field's bytes), or nil at its end.
    mutating func nextPackedVarint() throws(Malformed) -> UInt64? {
        guard index < data.endIndex else { return nil }
        return try varint()
    }

    private mutating func varint() throws(Malformed) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while index < data.endIndex, shift < 64 {
            let byte = data[index]
            index += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
        throw Malformed(description: "a varint runs past the end of the message")
    }

    private mutating func fixed(_ width: Int) throws(Malformed) -> UInt64 {
        guard data.endIndex - index >= width else { throw Malformed(description: "a fixed-width number runs past the end of the message") }
        var value: UInt64 = 0
        for offset in 0..<width { value |= UInt64(data[index + offset]) << (8 * UInt64(offset)) }
        index += width
        return value
    }
}
