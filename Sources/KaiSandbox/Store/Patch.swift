import Foundation

/// The patch formats the API accepts, applied to JSON objects.
enum Patch {
    /// The media types of PATCH requests.
    enum Kind: String {
        case json = "application/json-patch+json"
        case merge = "application/merge-patch+json"
        case strategic = "application/strategic-merge-patch+json"
        case apply = "application/apply-patch+yaml"

        init?(contentType: String) {
            let base = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            self.init(rawValue: base)
        }
    }

    // MARK: RFC 7386 JSON merge patch

    /// Objects merge key by key, `null` deletes, anything else replaces (lists included).
    static func merge(_ target: JSONValue, _ patch: JSONValue) -> JSONValue {
        guard case .object(let changes) = patch else { return patch }
        var result: JSONValue = target.object == nil ? .object([:]) : target
        for (key, value) in changes {
            result[key] = value.isNull ? .null : merge(result[key], value)
        }
        return result
    }

    // MARK: Strategic merge patch

    /// The key lists of these fields merge by, as the Kubernetes types declare (`patchMergeKey`).
    static func mergeKey(for field: String, in items: [JSONValue]) -> String? {
        switch field {
        case "containers", "initContainers", "ephemeralContainers", "env", "volumes", "imagePullSecrets", "hostAliases": "name"
        case "volumeMounts", "volumeDevices": "mountPath"
        case "ports": items.contains { !$0["containerPort"].isNull } ? "containerPort" : "port"
        case "conditions": "type"
        case "ownerReferences": "uid"
        default: nil
        }
    }

    /// Like a merge patch, but lists with a merge key merge element by element, and the
    /// `$patch`, `$setElementOrder/…`, `$retainKeys` and `$deleteFromPrimitiveList/…` directives apply.
    static func strategic(_ target: JSONValue, _ patch: JSONValue) -> JSONValue {
        guard case .object(var changes) = patch else { return patch }
        if changes["$patch"]?.string == "replace" {
            changes["$patch"] = nil
            return .object(changes)
        }
        if changes["$patch"]?.string == "delete" { return .null }
        var result: JSONValue = target.object == nil ? .object([:]) : target
        if let retain = changes["$retainKeys"]?.array?.compactMap(\.string), case .object(let members) = result {
            result = .object(members.filter { retain.contains($0.key) })
        }
        for (key, value) in changes {
            if key.hasPrefix("$deleteFromPrimitiveList/") {
                let field = String(key.dropFirst("$deleteFromPrimitiveList/".count))
                let removed = value.array ?? []
                result[field] = .array((result[field].array ?? []).filter { !removed.contains($0) })
                continue
            }
            if key.hasPrefix("$") { continue }
            if value.isNull {
                result[key] = .null
            } else if case .array(let items) = value, let mergeKey = mergeKey(for: key, in: items + (result[key].array ?? [])) {
                result[key] = .array(mergeList(result[key].array ?? [], items, by: mergeKey))
            } else if case .object = value {
                result[key] = strategic(result[key], value)
            } else {
                result[key] = value
            }
        }
        return result
    }

    private static func mergeList(_ current: [JSONValue], _ patch: [JSONValue], by key: String) -> [JSONValue] {
        var merged = current
        for item in patch {
            let id = item[key]
            let index = merged.firstIndex { $0[key] == id }
            if item["$patch"].string == "delete" {
                if let index { merged.remove(at: index) }
            } else if let index {
                merged[index] = strategic(merged[index], item)
            } else {
                merged.append(strategic(.object([:]), item))
            }
        }
        return merged
    }

    // MARK: RFC 6902 JSON patch

    /// Applies the operations in order; any failure rejects the whole patch.
    static func json(_ target: JSONValue, _ operations: JSONValue) throws(APIError) -> JSONValue {
        guard let list = operations.array else { throw APIError.badRequest("a JSON patch must be a list of operations") }
        var document = target
        for operation in list {
            let op = operation["op"].string ?? ""
            let path = try pointer(operation["path"].string)
            switch op {
            case "add": document = try add(document, path, operation["value"])
            case "remove": document = try remove(document, path).document
            case "replace":
                _ = try read(document, path)
                document = try add(try remove(document, path).document, path, operation["value"])
            case "move":
                let from = try pointer(operation["from"].string)
                let removed = try remove(document, from)
                document = try add(removed.document, path, removed.value)
            case "copy": document = try add(document, path, try read(document, try pointer(operation["from"].string)))
            case "test":
                guard try read(document, path) == operation["value"] else {
                    throw APIError(code: 422, reason: "Invalid", message: "the test operation at \(operation["path"].string ?? "") failed")
                }
            default: throw APIError.badRequest("unknown JSON patch operation \"\(op)\"")
            }
        }
        return document
    }

    private static func pointer(_ text: String?) throws(APIError) -> [String] {
        guard let text, text.isEmpty || text.hasPrefix("/") else { throw APIError.badRequest("invalid JSON pointer \(text ?? "null")") }
        return text.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
            .map { $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~") }
    }

    private static func read(_ document: JSONValue, _ path: [String]) throws(APIError) -> JSONValue {
        var node = document
        for token in path {
            switch node {
            case .object(let members):
                guard let next = members[token] else { throw missing(path) }
                node = next
            case .array(let items):
                guard let index = Int(token), items.indices.contains(index) else { throw missing(path) }
                node = items[index]
            default: throw missing(path)
            }
        }
        return node
    }

    private static func add(_ document: JSONValue, _ path: [String], _ value: JSONValue) throws(APIError) -> JSONValue {
        guard let token = path.first else { return value }
        let rest = Array(path.dropFirst())
        switch document {
        case .object(var members):
            if rest.isEmpty {
                members[token] = value
            } else {
                guard let child = members[token] else { throw missing(path) }
                members[token] = try add(child, rest, value)
            }
            return .object(members)
        case .array(var items):
            if rest.isEmpty {
                let index = token == "-" ? items.count : Int(token) ?? -1
                guard (0...items.count).contains(index) else { throw missing(path) }
                items.insert(value, at: index)
            } else {
                guard let index = Int(token), items.indices.contains(index) else { throw missing(path) }
                items[index] = try add(items[index], rest, value)
            }
            return .array(items)
        default:
            throw missing(path)
        }
    }

    private static func remove(_ document: JSONValue, _ path: [String]) throws(APIError) -> (document: JSONValue, value: JSONValue) {
        guard let token = path.first else { throw missing(path) }
        let rest = Array(path.dropFirst())
        switch document {
        case .object(var members):
            guard let child = members[token] else { throw missing(path) }
            if rest.isEmpty {
                members[token] = nil
                return (.object(members), child)
            }
            let removed = try remove(child, rest)
            members[token] = removed.document
            return (.object(members), removed.value)
        case .array(var items):
            guard let index = Int(token), items.indices.contains(index) else { throw missing(path) }
            if rest.isEmpty {
                let value = items.remove(at: index)
                return (.array(items), value)
            }
            let removed = try remove(items[index], rest)
            items[index] = removed.document
            return (.array(items), removed.value)
        default:
            throw missing(path)
        }
    }

    private static func missing(_ path: [String]) -> APIError {
        APIError(code: 422, reason: "Invalid", message: "the JSON patch path /\(path.joined(separator: "/")) does not exist")
    }
}
