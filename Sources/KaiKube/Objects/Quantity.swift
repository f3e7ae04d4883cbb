/// Kubernetes resource quantities ("250m", "1.5", "256Mi", "1G") as numbers: CPU in cores, memory in bytes.
public enum Quantity {
    /// The value of `text` in base units (cores for CPU, bytes for memory), or nil when it is not a quantity.
    public static func parse(_ text: String) -> Double? {
        let suffixes: [(String, Double)] = [
            ("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776),
            ("n", 1e-9), ("u", 1e-6), ("m", 1e-3), ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12),
        ]
        for (suffix, factor) in suffixes where text.hasSuffix(suffix) {
            return Double(text.dropLast(suffix.count)).map { $0 * factor }
        }
        return Double(text)
    }

    /// CPU cores as millicores text: 0.25 -> "250m".
    public static func millicores(_ cores: Double) -> String { "\(Int((cores * 1000).rounded()))m" }

    /// Bytes as mebibytes text: 268435456 -> "256Mi".
    public static func mebibytes(_ bytes: Double) -> String { "\(Int((bytes / 1_048_576).rounded()))Mi" }
}
