import Foundation
@testable import KaiSandbox
import Testing

/// The RBAC evaluation the sandbox decides every restricted request with, checked against the
/// rules of Kubernetes' RBAC authorizer on objects put straight into a store.
@Suite("RBAC evaluation")
struct RBACAuthorizerTests {
    private let kai = UserInfo.serviceAccount(namespace: "todo-chatbot", name: "kai")

    /// A store with the seed's namespaces and bootstrap roles, plus `objects` (resource, namespace, object).
    private func authorizer(_ objects: [(ResourceType, String?, JSONValue)]) async throws -> RBACAuthorizer {
        let store = ObjectStore()
        try await SeedObjects.install(into: store, stack: false)
        try await store.create(ResourceCatalog.namespace, namespace: nil, ["metadata": ["name": "todo-chatbot"]])
        for (resource, namespace, object) in objects { try await store.create(resource, namespace: namespace, object) }
        return RBACAuthorizer(store: store)
    }

    private func role(_ name: String, _ rules: [JSONValue]) -> JSONValue { ["metadata": ["name": .string(name)], "rules": .array(rules)] }

    private func binding(_ name: String, to kind: String, _ role: String, _ subjects: [JSONValue]) -> JSONValue {
        ["metadata": ["name": .string(name)], "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": .string(kind), "name": .string(role)],
         "subjects": .array(subjects)]
    }

    private func allowed(_ authorizer: RBACAuthorizer, _ user: UserInfo, _ verb: String, _ resource: String, group: String = "",
                         subresource: String = "", name: String = "", in namespace: String = "todo-chatbot") async -> Bool {
        await authorizer.authorize(user, RequestAttributes(verb: verb, group: group, resource: resource, subresource: subresource,
                                                           name: name, namespace: namespace)).allowed
    }

    @Test func aRoleGrantsItsVerbsOnlyInItsNamespace() async throws {
        let rbac = try await authorizer([
            (ResourceCatalog.role, "todo-chatbot", role("reader", [["apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list"]]])),
            (ResourceCatalog.roleBinding, "todo-chatbot", binding("reader", to: "Role", "reader", [["kind": "ServiceAccount", "name": "kai"]])),
        ])
        #expect(await allowed(rbac, kai, "list", "pods"))
        #expect(await allowed(rbac, kai, "get", "pods", name: "x"))
        #expect(await !allowed(rbac, kai, "delete", "pods", name: "x"))
        #expect(await !allowed(rbac, kai, "list", "pods", in: "default"))
        #expect(await !allowed(rbac, kai, "list", "pods", in: ""))
        #expect(await !allowed(rbac, kai, "list", "secrets"))
        #expect(await !allowed(rbac, kai, "list", "pods", group: "apps"))
        let decision = await rbac.authorize(kai, RequestAttributes(verb: "list", group: "", resource: "pods", namespace: "todo-chatbot"))
        #expect(decision.reason == #"RBAC: allowed by RoleBinding "reader/todo-chatbot" of Role "reader" to ServiceAccount "kai/todo-chatbot""#)
    }

    @Test func subresourcesAreGrantedByName() async throws {
        let rbac = try await authorizer([
            (ResourceCatalog.role, "todo-chatbot", role("ops", [
                ["apiGroups": [""], "resources": ["pods"], "verbs": ["get"]],
                ["apiGroups": [""], "resources": ["pods/log"], "verbs": ["get"]],
                ["apiGroups": ["apps"], "resources": ["*/scale"], "verbs": ["update"]],
            ])),
            (ResourceCatalog.roleBinding, "todo-chatbot", binding("ops", to: "Role", "ops", [["kind": "ServiceAccount", "name": "kai"]])),
        ])
        #expect(await allowed(rbac, kai, "get", "pods", subresource: "log", name: "p"))
        #expect(await !allowed(rbac, kai, "get", "pods", subresource: "exec", name: "p"))
        #expect(await allowed(rbac, kai, "update", "deployments", group: "apps", subresource: "scale", name: "d"))
        #expect(await allowed(rbac, kai, "update", "replicasets", group: "apps", subresource: "scale", name: "r"))
        #expect(await !allowed(rbac, kai, "update", "deployments", group: "apps", name: "d"))
    }

    @Test func resourceNamesLimitARuleToThoseObjects() async throws {
        let rbac = try await authorizer([
            (ResourceCatalog.role, "todo-chatbot", role("one", [["apiGroups": ["apps"], "resources": ["deployments"],
                                                                  "resourceNames": ["todo-chatbot-backend"], "verbs": ["get", "patch"]]])),
            (ResourceCatalog.roleBinding, "todo-chatbot", binding("one", to: "Role", "one", [["kind": "ServiceAccount", "name": "kai"]])),
        ])
        #expect(await allowed(rbac, kai, "patch", "deployments", group: "apps", name: "todo-chatbot-backend"))
        #expect(await !allowed(rbac, kai, "patch", "deployments", group: "apps", name: "todo-chatbot-frontend"))
        // A list names no object, so a rule with resource names never allows it.
        #expect(await !allowed(rbac, kai, "list", "deployments", group: "apps"))
    }

    @Test func aClusterRoleBoundInANamespaceGrantsOnlyThere() async throws {
        let rbac = try await authorizer([
            (ResourceCatalog.clusterRole, nil, role("pod-reader", [["apiGroups": [""], "resources": ["pods"], "verbs": ["list"]]])),
            (ResourceCatalog.roleBinding, "todo-chatbot", binding("read", to: "ClusterRole", "pod-reader",
                                                                  [["kind": "ServiceAccount", "name": "kai", "namespace": "todo-chatbot"]])),
        ])
        #expect(await allowed(rbac, kai, "list", "pods"))
        #expect(await !allowed(rbac, kai, "list", "pods", in: "kube-system"))
    }

    @Test func aClusterRoleBindingGrantsEverywhereToUsersGroupsAndServiceAccounts() async throws {
        let rbac = try await authorizer([
            (ResourceCatalog.clusterRole, nil, role("all-reader", [["apiGroups": ["*"], "resources": ["*"], "verbs": ["get", "list", "watch"]]])),
            (ResourceCatalog.clusterRoleBinding, nil, binding("accounts", to: "ClusterRole", "all-reader",
                                                              [["kind": "Group", "name": "system:serviceaccounts:todo-chatbot"]])),
            (ResourceCatalog.clusterRoleBinding, nil, binding("alice", to: "ClusterRole", "all-reader", [["kind": "User", "name": "alice"]])),
        ])
        #expect(await allowed(rbac, kai, "watch", "nodes", in: ""))
        #expect(await allowed(rbac, kai, "get", "secrets", name: "s", in: "kube-system"))
        #expect(await !allowed(rbac, kai, "delete", "pods", name: "p"))
        #expect(await allowed(rbac, UserInfo(name: "alice", groups: ["system:authenticated"]), "list", "deployments", group: "apps"))
        #expect(await !allowed(rbac, UserInfo(name: "bob", groups: ["system:authenticated"]), "list", "deployments", group: "apps"))
        #expect(await !allowed(rbac, .serviceAccount(namespace: "default", name: "kai"), "list", "pods"))
    }

    @Test func aServiceAccountSubjectWithoutANamespaceIsTheBindingsOwn() async throws {
        let rbac = try await authorizer([
            (ResourceCatalog.role, "todo-chatbot", role("r", [["apiGroups": [""], "resources": ["pods"], "verbs": ["*"]]])),
            (ResourceCatalog.roleBinding, "todo-chatbot", binding("r", to: "Role", "r", [["kind": "ServiceAccount", "name": "kai"]])),
        ])
        #expect(await allowed(rbac, kai, "deletecollection", "pods"))
        #expect(await !allowed(rbac, .serviceAccount(namespace: "default", name: "kai"), "list", "pods"))
    }

    @Test func theBootstrapRolesLetEveryoneAskAndDiscoverButNothingMore() async throws {
        let rbac = try await authorizer([])
        #expect(await allowed(rbac, kai, "create", "selfsubjectaccessreviews", group: "authorization.k8s.io", in: ""))
        #expect(await !allowed(rbac, kai, "create", "subjectaccessreviews", group: "authorization.k8s.io", in: ""))
        #expect(await rbac.authorize(kai, RequestAttributes(verb: "get", path: "/apis/apps/v1")).allowed)
        #expect(await rbac.authorize(kai, RequestAttributes(verb: "get", path: "/version")).allowed)
        #expect(await !rbac.authorize(kai, RequestAttributes(verb: "put", path: "/kai-sandbox/v1/faults")).allowed)
        #expect(await rbac.authorize(.anonymous, RequestAttributes(verb: "get", path: "/healthz")).allowed)
        #expect(await !rbac.authorize(.anonymous, RequestAttributes(verb: "get", path: "/apis")).allowed)
        #expect(await !allowed(rbac, kai, "list", "pods"))
        #expect(await allowed(rbac, .admin, "delete", "namespaces", name: "kube-system", in: "kube-system"))
    }

    @Test func requestsAreDescribedAsTheAPIServerDescribesThem() {
        let deployments = ResourceCatalog.deployment
        func attributes(_ method: String, _ path: String, _ query: [String: String] = [:]) -> RequestAttributes {
            RequestAttributes(method: method, path: path, parsed: APIPath(path), query: query)
        }
        let watch = attributes("GET", "/apis/apps/v1/namespaces/todo-chatbot/deployments",
                               ["watch": "true", "fieldSelector": "metadata.name=todo-chatbot-backend"])
        #expect(watch == RequestAttributes(verb: "watch", group: "apps", resource: deployments.plural, name: "todo-chatbot-backend",
                                           namespace: "todo-chatbot").withPath("/apis/apps/v1/namespaces/todo-chatbot/deployments"))
        #expect(attributes("GET", "/api/v1/namespaces/todo-chatbot/pods").verb == "list")
        #expect(attributes("GET", "/api/v1/namespaces/todo-chatbot/pods", ["fieldSelector": "metadata.name==p"]).name == "p")
        #expect(attributes("GET", "/api/v1/namespaces/todo-chatbot/pods", ["fieldSelector": "metadata.name!=p"]).name == "")
        #expect(attributes("DELETE", "/api/v1/namespaces/todo-chatbot/pods").verb == "deletecollection")
        #expect(attributes("PUT", "/apis/apps/v1/namespaces/todo-chatbot/deployments/d/scale").combinedResource == "deployments/scale")
        #expect(attributes("GET", "/api/v1/namespaces/todo-chatbot/pods/p/log").combinedResource == "pods/log")
        #expect(attributes("POST", "/api/v1/namespaces/todo-chatbot/serviceaccounts/kai/token").verb == "create")
        #expect(attributes("GET", "/api/v1/namespaces/todo-chatbot").namespace == "todo-chatbot")
        let discovery = attributes("GET", "/apis/apps/v1")
        #expect(!discovery.isResourceRequest)
        #expect(discovery.path == "/apis/apps/v1")
    }

    @Test func aForbiddenAnswerIsTheAPIServersStatus() {
        let request = RequestAttributes(verb: "delete", group: "", resource: "pods", name: "x", namespace: "todo-chatbot")
        let status = APIError.forbidden(request, user: kai).status
        #expect(status["code"] == 403)
        #expect(status["reason"] == "Forbidden")
        #expect(status["message"].string == #"pods "x" is forbidden: User "system:serviceaccount:todo-chatbot:kai" cannot delete resource "pods" in API group "" in the namespace "todo-chatbot""#)
        #expect(status["details"] == ["name": "x", "group": "", "kind": "pods"])
        let scale = RequestAttributes(verb: "list", group: "apps", resource: "deployments", subresource: "scale")
        #expect(APIError.forbidden(scale, user: kai).message
            == #"deployments.apps is forbidden: User "system:serviceaccount:todo-chatbot:kai" cannot list resource "deployments/scale" in API group "apps" at the cluster scope"#)
    }

    @Test func tokensAreAcceptedOnlyFromThisSandboxAndUntilTheyExpire() {
        let clock = TestClock()
        let tokens = ServiceAccountTokens(now: { clock.now })
        let issued = tokens.issue(namespace: "todo-chatbot", name: "kai", uid: "u-1", audiences: [ServiceAccountTokens.issuer], seconds: 600)
        #expect(tokens.verify(issued.token)?.name == "kai")
        #expect(tokens.verify(issued.token)?.uid == "u-1")
        #expect(ServiceAccountTokens(now: { clock.now }).verify(issued.token) == nil)
        #expect(tokens.verify(issued.token + "x") == nil)
        #expect(tokens.verify("not.a.jwt") == nil)
        clock.advance(by: 601)
        #expect(tokens.verify(issued.token) == nil)
    }
}

extension RequestAttributes {
    func withPath(_ path: String) -> RequestAttributes {
        var copy = self
        copy.path = path
        return copy
    }
}

/// A clock a test moves by hand.
private final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_800_000_000)
    var now: Date { lock.withLock { current } }
    func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }
}
