import AsyncHTTPClient
import Foundation
import KaiCore
import NIOCore

/// JSON text in and out of provider requests.
enum JSONBody {
    static func encode(_ value: JSON) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(value)) ?? Data("{}".utf8))
    }

    static func decode(_ bytes: some Sequence<UInt8>) -> JSON? {
        try? JSONDecoder().decode(JSON.self, from: Data(bytes))
    }

    /// A JSON object as compact text (tool-call arguments that came as objects).
    static func text(_ value: JSON) -> String {
        String(decoding: encode(value), as: UTF8.self)
    }

    /// Tool-call arguments as the object they should be; a malformed text becomes an empty object
    /// here, since what goes back to the provider must be valid (kai has already told the model it was not).
    static func object(_ arguments: String) -> JSON {
        if let value = decode(Array(arguments.utf8)), case .object = value { return value }
        return .object([:])
    }
}

/// Reads a streamed or whole answer body, keeping the text the person has already been shown.
struct BodyReader {
    /// The most bytes kai reads of one reply, streamed or whole: 16 MB.
    static let limit = 16 << 20

    /// A reply longer than ``limit``; the transport says so with the provider's name.
    struct TooLarge: Error {}

    /// A whole JSON body, at most ``limit`` bytes.
    static func document(_ response: HTTPClientResponse.Body) async throws -> JSON? {
        let bytes: ByteBuffer
        do {
            bytes = try await response.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw TooLarge()
        }
        return JSONBody.decode(bytes.readableBytesView)
    }

    /// Every event of an SSE body, in order, up to ``limit`` bytes in all; throws
    /// ``ProviderTransport/StreamCut`` when the connection drops mid-stream.
    static func events(_ response: HTTPClientResponse.Body, emitted: @Sendable () -> Bool,
                       _ handle: (ServerSentEvents.Event) throws -> Bool) async throws {
        var parser = ServerSentEvents()
        var read = 0
        do {
            for try await buffer in response {
                read += buffer.readableBytes
                guard read <= limit else { throw TooLarge() }
                for event in parser.feed(buffer.readableBytesView) where try handle(event) { return }
            }
        } catch let error as ProviderError {
            throw error
        } catch let error as TooLarge {
            throw error
        } catch {
            if error is CancellationError || Task.isCancelled { throw CancellationError() }
            throw ProviderTransport.StreamCut(emitted: emitted())
        }
        if let event = parser.finish(), try handle(event) { return }
        // The body ended without the event that closes a reply.
        throw ProviderTransport.StreamCut(emitted: emitted())
    }
}
