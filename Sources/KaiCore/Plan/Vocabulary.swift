/// The finite set of things a request can name, read from the live cluster: the interpreter spots
/// these wherever they stand in a sentence, so words that name nothing are never taken for names.
///
/// ```swift
/// let vocabulary = Vocabulary(currentNamespace: "todo-chatbot", namespaces: ["todo-chatbot"], names: [
///     .init(word: "backend", object: "todo-chatbot-backend", kind: .deployment, namespace: "todo-chatbot", isRole: true),
/// ])
/// ```
public struct Vocabulary: Sendable, Hashable {
    /// One way of naming one object: its own name, its role ("backend"), or a role word ("api", "db").
    public struct Name: Sendable, Hashable {
        /// The name as written, lowercased: "todo-chatbot-backend", "backend", "web-app".
        public let word: String
        /// The object's exact name.
        public let object: String
        public let kind: ObjectKind
        public let namespace: String
        /// Whether `word` names the object's role rather than the object itself.
        public let isRole: Bool
        /// Whether a misspelling of `word` may be read as it (roles' everyday synonyms such as "api" are too short and common).
        public let allowsCloseSpelling: Bool

        /// A name `word` for the object `object` of `kind` in `namespace`.
        public init(word: String, object: String, kind: ObjectKind, namespace: String, isRole: Bool, allowsCloseSpelling: Bool = true) {
            self.word = word
            self.object = object
            self.kind = kind
            self.namespace = namespace
            self.isRole = isRole
            self.allowsCloseSpelling = allowsCloseSpelling
        }
    }

    /// The namespace a request acts in unless it names another.
    public var currentNamespace: String
    /// Namespaces a request may name: those that exist or that the policy allows.
    public var namespaces: [String]
    /// The namespaces whose objects are known (the current one first): "all namespaces" means these.
    public var readNamespaces: [String]
    /// Every name of every object the snapshot holds.
    public var names: [Name]

    /// A vocabulary of `names`, with `currentNamespace` as the default and `namespaces` known.
    public init(currentNamespace: String, namespaces: [String], readNamespaces: [String]? = nil, names: [Name]) {
        self.currentNamespace = currentNamespace
        self.namespaces = namespaces
        self.readNamespaces = readNamespaces ?? [currentNamespace]
        self.names = names
    }

    /// The names spelled exactly `word`.
    public func names(spelled word: String) -> [Name] { names.filter { $0.word == word } }
}
