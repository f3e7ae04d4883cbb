/// Kubernetes-style random name suffixes ("7d9c8b6f5", "x2k4p"), made deterministic from a seed
/// so the sandbox's names are stable from run to run.
enum KubeNameSuffix {
    /// The alphabet Kubernetes uses for generated names: no vowels, no look-alike characters.
    private static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    /// A suffix of `length` characters derived from `seed` (FNV-1a, then base-27 digits).
    static func make(from seed: String, length: Int) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in seed.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        var text = ""
        for _ in 0..<length {
            text.append(alphabet[Int(hash % UInt64(alphabet.count))])
            hash = hash / UInt64(alphabet.count) ^ (hash &* 0x9e37_79b9_7f4a_7c15)
        }
        return text
    }
}
