import Foundation

/// RFC 3339 timestamps as Kubernetes writes them: `2026-11-25T03:13:00Z`.
enum Timestamp {
    static func format(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .omitted))
            .replacingOccurrences(of: "+0000", with: "Z")
    }

    static func parse(_ text: String) -> Date? {
        try? Date(text, strategy: .iso8601)
    }
}

/// Random name suffixes for generateName, from Kubernetes' alphabet.
enum NameSuffix {
    private static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    static func random(length: Int) -> String {
        String((0..<length).map { _ in alphabet.randomElement() ?? "x" })
    }
}
