import Yams

/// Reads typed values out of YAML nodes; every fault names the key and points at the line.
public enum YAMLValues {
    /// The document in `text`, composed into nodes; nil for an empty document.
    public static func document(_ text: String) throws(YAMLFault) -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw YAMLFault(line: error.line, detail: "it is not valid YAML (\(error.summary)).")
        } catch {
            throw YAMLFault(line: nil, detail: "it is not valid YAML (\(error)).")
        }
    }

    /// The top level of a settings file: a mapping (an empty document is an empty mapping).
    public static func topLevel(_ root: Node?) throws(YAMLFault) -> Node.Mapping {
        guard let root else { return Node.Mapping([]) }
        guard case .mapping(let mapping) = root else {
            throw YAMLFault(root, "the top level must be a mapping of keys to values.")
        }
        return mapping
    }

    /// A whole number within `range`.
    public static func int(_ node: Node, key: String, in range: ClosedRange<Int>) throws(YAMLFault) -> Int {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string) else {
            throw YAMLFault(node, "\(key) must be a whole number, not \(describe(node)).")
        }
        guard range.contains(value) else {
            throw YAMLFault(node, "\(key) must be from \(range.lowerBound) to \(range.upperBound), not \(value).")
        }
        return value
    }

    /// A number of seconds within `range`: `30`, `2.5` or `90s`.
    public static func seconds(_ node: Node, key: String, in range: ClosedRange<Double>) throws(YAMLFault) -> Double {
        let text = node.string ?? ""
        guard case .scalar = node, let value = Double(text.hasSuffix("s") ? String(text.dropLast()) : text) else {
            throw YAMLFault(node, "\(key) must be a number of seconds, such as 30 or 30s, not \(describe(node)).")
        }
        guard range.contains(value) else {
            throw YAMLFault(node, "\(key) must be more than \(Int(range.lowerBound)) and at most \(Int(range.upperBound)) seconds, not \(text).")
        }
        return value
    }

    /// true or false.
    public static func bool(_ node: Node, key: String) throws(YAMLFault) -> Bool {
        guard case .scalar(let scalar) = node, let value = ["true": true, "false": false][scalar.string.lowercased()] else {
            throw YAMLFault(node, "\(key) must be true or false, not \(describe(node)).")
        }
        return value
    }

    /// A non-empty plain text.
    public static func text(_ node: Node, key: String) throws(YAMLFault) -> String {
        guard case .scalar(let scalar) = node, !scalar.string.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw YAMLFault(node, "\(key) must be a non-empty text, not \(describe(node)).")
        }
        return scalar.string
    }

    /// One of `choices`, spelled exactly.
    public static func choice(_ node: Node, key: String, _ choices: [String]) throws(YAMLFault) -> String {
        let value = try text(node, key: key)
        guard choices.contains(value) else {
            throw YAMLFault(node, "\(key) must be \(choices.joined(separator: ", ")), not \"\(value)\".")
        }
        return value
    }

    /// A list of plain values.
    public static func scalars(_ node: Node, key: String) throws(YAMLFault) -> [Node] {
        guard case .sequence(let sequence) = node else {
            throw YAMLFault(node, "\(key) must be a list, such as [a, b], not \(describe(node)).")
        }
        var items: [Node] = []
        for item in sequence {
            guard case .scalar = item else { throw YAMLFault(item, "each entry of \(key) must be a plain value, not \(describe(item)).") }
            items.append(item)
        }
        return items
    }

    /// How a node is named in messages: its text, or its shape.
    public static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): "\"\(scalar.string)\""
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}
