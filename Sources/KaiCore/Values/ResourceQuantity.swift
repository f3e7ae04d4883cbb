/// A Kubernetes resource quantity ("250m", "0.5", "512Mi", "1G", "1e3"), read by the API
/// server's grammar: an unsigned decimal number, then one suffix — binary (`Ki` … `Ei`),
/// decimal (`n`, `u`, `m`, none, `k`, `M` … `E`) or an exponent (`e3`, `E-2`). Suffixes are
/// case-sensitive, as the API server reads them: "512mi" is not a quantity.
///
/// ```swift
/// let limit = try ResourceQuantity.memory("512Mi")   // 536_870_912 bytes
/// let request = try ResourceQuantity.cpu("250m")     // 0.25 cores
/// ```
public struct ResourceQuantity: Sendable, Hashable, CustomStringConvertible {
    /// The quantity as written, which is what kai sends to the API.
    public let text: String
    /// Its value in base units: cores for CPU, bytes for memory.
    public let value: Double

    private static let binary: [String: Double] = ["Ki": 0x1p10, "Mi": 0x1p20, "Gi": 0x1p30, "Ti": 0x1p40, "Pi": 0x1p50, "Ei": 0x1p60]
    private static let decimal: [String: Double] = ["n": 1e-9, "u": 1e-6, "m": 1e-3, "": 1, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12,
                                                    "P": 1e15, "E": 1e18]

    /// Parses `text` by the Kubernetes quantity grammar; any quantity the API server takes, signs aside
    /// (a request or limit is never negative).
    public init(_ text: String) throws(ValueError) {
        let digits = text.prefix { $0.isASCIIDigit || $0 == "." || $0 == "+" }
        let number = digits.hasPrefix("+") ? digits.dropFirst() : digits
        let suffix = String(text.dropFirst(digits.count))
        guard !number.isEmpty, number.filter({ $0 == "." }).count <= 1, number.contains(where: \.isASCIIDigit),
              !number.contains("+"), let magnitude = Double(number) else {
            throw Self.malformed(text)
        }
        guard let factor = Self.factor(of: suffix) else { throw Self.malformed(text) }
        self.text = text
        self.value = magnitude * factor
    }

    /// A CPU quantity: cores ("2", "0.5") or millicores ("250m"); at least 1m, as the API counts CPU.
    public static func cpu(_ text: String) throws(ValueError) -> ResourceQuantity {
        let quantity = try ResourceQuantity(text)
        guard quantity.value >= 0.001 else {
            throw ValueError(problem: "\(text) of CPU is less than the smallest amount Kubernetes counts (1m, a thousandth of a core).",
                             remedy: "Give CPU in millicores or cores, e.g. 250m or 0.5.")
        }
        return quantity
    }

    /// A memory quantity in bytes ("512Mi", "1Gi", "256M"). A millibyte suffix or a value under 1Mi
    /// is taken for a slip (the API would accept it and no container could start).
    public static func memory(_ text: String) throws(ValueError) -> ResourceQuantity {
        let quantity = try ResourceQuantity(text)
        if text.hasSuffix("m") {
            throw ValueError(problem: "\(text) of memory means \(text.dropLast()) thousandths of a byte: \"m\" is milli, not mega.",
                             remedy: "Write mebibytes as \(text.dropLast())Mi (or megabytes as \(text.dropLast())M).")
        }
        guard quantity.value >= 0x1p20 else {
            throw ValueError(problem: "\(text) of memory is under 1Mi: a plain number is bytes, and no container starts with that little.",
                             remedy: "Give a unit, e.g. \(text)Mi or 1Gi.")
        }
        return quantity
    }

    /// `cores` as millicores text, rounded up to a whole millicore: 0.3751 -> "376m".
    public static func millicores(_ cores: Double) -> ResourceQuantity {
        let millis = Int((cores * 1000 - 1e-9).rounded(.up))
        return ResourceQuantity(exact: "\(millis)m", value: Double(millis) / 1000)
    }

    /// `bytes` as mebibytes text, rounded up to a whole mebibyte: 805306368 -> "768Mi".
    public static func mebibytes(_ bytes: Double) -> ResourceQuantity {
        let mebibytes = Int((bytes / 0x1p20 - 1e-9).rounded(.up))
        return ResourceQuantity(exact: "\(mebibytes)Mi", value: Double(mebibytes) * 0x1p20)
    }

    /// A whole number of cores: 2 -> "2".
    public static func cores(_ count: Int) -> ResourceQuantity { ResourceQuantity(exact: String(count), value: Double(count)) }

    /// A whole number of gibibytes: 2 -> "2Gi".
    public static func gibibytes(_ count: Int) -> ResourceQuantity { ResourceQuantity(exact: "\(count)Gi", value: Double(count) * 0x1p30) }

    private init(exact text: String, value: Double) {
        self.text = text
        self.value = value
    }

    public var description: String { text }

    /// Whether two quantities are the same amount however written ("1Gi" and "1024Mi").
    public func isSameAmount(as other: ResourceQuantity) -> Bool {
        abs(value - other.value) <= Swift.max(abs(value), abs(other.value)) * 1e-12
    }

    private static func factor(of suffix: String) -> Double? {
        if let factor = binary[suffix] ?? decimal[suffix] { return factor }
        guard let first = suffix.first, first == "e" || first == "E" else { return nil }
        var exponent = suffix.dropFirst()
        let negative = exponent.first == "-"
        if exponent.first == "-" || exponent.first == "+" { exponent = exponent.dropFirst() }
        guard !exponent.isEmpty, exponent.allSatisfy(\.isASCIIDigit), let power = Int(exponent), power <= 18 else { return nil }
        var factor = 1.0
        for _ in 0..<power { factor *= 10 }
        return negative ? 1 / factor : factor
    }

    private static func malformed(_ text: String) -> ValueError {
        let lowered = ["ki": "Ki", "mi": "Mi", "gi": "Gi", "ti": "Ti", "mb": "Mi", "gb": "Gi", "kb": "Ki", "mib": "Mi", "gib": "Gi"]
        let number = text.prefix { $0.isASCIIDigit || $0 == "." }
        let hint = lowered[text.dropFirst(number.count).lowercased()].map { " Did you mean \(number)\($0)?" } ?? ""
        return ValueError(problem: "\"\(text)\" is not a Kubernetes quantity.\(hint)",
                          remedy: "Write a number with one of Kubernetes' suffixes: memory as 512Mi or 1Gi, CPU as 250m or 0.5.")
    }
}
