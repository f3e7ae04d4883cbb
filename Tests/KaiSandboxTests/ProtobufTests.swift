import Foundation
@testable import KaiSandbox
import Testing

/// Bodies in application/vnd.kubernetes.protobuf, as client-go's typed clients send them.
@Suite("Protobuf request bodies")
struct ProtobufTests {
    /// Encodes protobuf fields by hand: (field number, bytes or varint).
    private enum Field {
        case bytes(Int, [UInt8])
        case varint(Int, UInt64)
    }

    private func encode(_ fields: [Field]) -> [UInt8] {
        var out: [UInt8] = []
        func varint(_ value: UInt64) {
            var value = value
            while value >= 0x80 {
                out.append(UInt8(value & 0x7F) | 0x80)
                value >>= 7
            }
            out.append(UInt8(value))
        }
        for field in fields {
            switch field {
            case .bytes(let number, let bytes):
                varint(UInt64(number << 3 | 2))
                varint(UInt64(bytes.count))
                out += bytes
            case .varint(let number, let value):
                varint(UInt64(number << 3))
                varint(value)
            }
        }
        return out
    }

    private func text(_ string: String) -> [UInt8] { Array(string.utf8) }

    private func envelope(apiVersion: String, kind: String, raw: [UInt8]) -> Data {
        let typeMeta = encode([.bytes(1, text(apiVersion)), .bytes(2, text(kind))])
        return Data(text("k8s\u{0}") + encode([.bytes(1, typeMeta), .bytes(2, raw), .bytes(3, []), .bytes(4, [])]))
    }

    @Test func aSecretDecodesToTheJSONTheAPIWouldHaveReceived() throws {
        let metadata = encode([
            .bytes(1, text("sh.helm.release.v1.web.v1")), .bytes(2, []), .varint(7, 0),
            .bytes(11, encode([.bytes(1, text("owner")), .bytes(2, text("helm"))])),
            .bytes(11, encode([.bytes(1, text("version")), .bytes(2, text("1"))])),
            .bytes(14, text("example.com/keep")),
        ])
        let secret = encode([.bytes(1, metadata), .bytes(2, encode([.bytes(1, text("release")), .bytes(2, [0, 1, 2, 255])])),
                             .bytes(3, text("helm.sh/release.v1"))])
        let object = try KubeProtobuf.decode(envelope(apiVersion: "v1", kind: "Secret", raw: secret))
        #expect(object["kind"] == "Secret")
        #expect(object["apiVersion"] == "v1")
        #expect(object[path: "metadata.name"] == "sh.helm.release.v1.web.v1")
        #expect(object[path: "metadata.generateName"].isNull)
        #expect(object[path: "metadata.labels"].stringMap == ["owner": "helm", "version": "1"])
        #expect(object[path: "metadata.finalizers"] == ["example.com/keep"])
        #expect(object[path: "data.release"] == .string(Data([0, 1, 2, 255]).base64EncodedString()))
        #expect(object["type"] == "helm.sh/release.v1")
    }

    @Test func nestedMessagesInlinedStructsQuantitiesAndIntOrStringsDecodeAsJSON() throws {
        let port = encode([.varint(3, 8000), .varint(2, 0)])
        let httpGet = encode([.bytes(1, text("/health")), .bytes(2, encode([.varint(1, 0), .varint(2, 8000)]))])
        let probe = encode([.bytes(1, encode([.bytes(2, httpGet)])), .varint(4, 10)])
        let limits = encode([.bytes(1, text("cpu")), .bytes(2, encode([.bytes(1, text("500m"))]))])
        let namedPort = encode([.bytes(1, text("/")), .bytes(2, encode([.varint(1, 1), .bytes(3, text("http"))]))])
        let container = encode([.bytes(1, text("backend")), .bytes(6, port), .bytes(8, encode([.bytes(1, limits)])),
                                .bytes(11, probe), .bytes(10, encode([.bytes(1, encode([.bytes(2, namedPort)]))])), .varint(16, 0)])
        let layout = try #require(KubeProtobufSchema.message(named: "k8s.io.api.core.v1.Container"))
        let object = try layout.decode(Data(container))
        #expect(object["name"] == "backend")
        // hostPort and stdin are omitempty numbers and booleans: a zero is left out, as Go's JSON does.
        #expect(object["ports"] == [["containerPort": 8000]])
        #expect(object["stdin"].isNull)
        #expect(object[path: "resources.limits.cpu"] == "500m")
        // Probe's handler is an embedded struct: its httpGet sits on the probe itself.
        #expect(object["readinessProbe"] == ["httpGet": ["path": "/health", "port": 8000], "periodSeconds": 10])
        #expect(object[path: "livenessProbe.httpGet.port"] == "http")
    }

    @Test func aKindWithoutALayoutIsUnsupportedMediaType() {
        do {
            _ = try KubeProtobuf.decode(envelope(apiVersion: "batch/v1", kind: "Job", raw: []))
            Issue.record("expected a 415")
        } catch {
            #expect(error.code == 415)
            #expect(error.message.contains("send application/json"))
        }
    }

    @Test func truncatedOrForeignBodiesAreBadRequests() {
        for body in [Data("{\"kind\": \"Secret\"}".utf8), Data(text("k8s\u{0}") + [0x0A, 0x20, 0x01])] {
            do {
                _ = try KubeProtobuf.decode(body)
                Issue.record("expected a 400 for \(Array(body))")
            } catch {
                #expect(error.code == 400)
            }
        }
    }
}
