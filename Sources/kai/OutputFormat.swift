import ArgumentParser

/// How results are printed: for people, or as one JSON document for scripts.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
