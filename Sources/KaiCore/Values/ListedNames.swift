extension Collection where Element == String {
    /// The names for a message, joined with ", ": at most `limit` of them, then "and N more", so
    /// that a file with millions of entries still makes a message of one line.
    ///
    /// ```swift
    /// ["a", "b", "c"].listed(limit: 2)  // "a, b and 1 more"
    /// ```
    public func listed(limit: Int = 10) -> String {
        guard count > limit else { return joined(separator: ", ") }
        return prefix(limit).joined(separator: ", ") + " and \(count - limit) more"
    }
}
