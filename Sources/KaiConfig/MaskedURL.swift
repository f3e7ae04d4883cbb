import Foundation

extension URL {
    /// The URL as kai shows it anywhere: a user name and password become `***`, and so do the
    /// values of query parameters that carry keys or tokens (`?key=` is how some APIs take one).
    public var masked: String {
        guard var parts = URLComponents(url: self, resolvingAgainstBaseURL: false) else { return "(unreadable URL)" }
        if parts.user != nil || parts.password != nil {
            parts.user = "***"
            parts.password = nil
        }
        parts.queryItems = parts.queryItems?.map { item in
            ["key", "api-key", "api_key", "apikey", "token", "access_token"].contains(item.name.lowercased())
                ? URLQueryItem(name: item.name, value: "***") : item
        }
        return parts.string ?? "(unreadable URL)"
    }
}

extension String {
    /// This text as kai shows a URL: ``URL/masked`` when it parses, else with any `user:password@`
    /// replaced by `***@` (a malformed proxy URL can still carry a password).
    public var maskedAsURL: String {
        if let url = URL(string: self), url.scheme != nil { return url.masked }
        return replacingOccurrences(of: #"//[^/@]*@"#, with: "//***@", options: .regularExpression)
    }
}
