import Foundation
@testable import KaiSandbox
import Testing

@Suite("The object store follows the API conventions")
struct StoreTests {
    private func store() async throws -> ObjectStore {
        let store = ObjectStore()
        try await store.create(ResourceCatalog.namespace, namespace: nil, ["metadata": ["name": "todo"]])
        return store
    }

    private let configMap: JSONValue = ["metadata": ["name": "settings"], "data": ["a": "1"], "futureField": ["kept": true]]

    @Test func createFillsServerFieldsAndKeepsUnknownOnes() async throws {
        let created = try await store().create(ResourceCatalog.configMap, namespace: "todo", configMap)
        #expect(created["kind"] == "ConfigMap")
        #expect(created["apiVersion"] == "v1")
        #expect(created[path: "metadata.uid"].string?.count == 36)
        #expect(created[path: "metadata.creationTimestamp"].string?.hasSuffix("Z") == true)
        #expect(created[path: "metadata.resourceVersion"].string != nil)
        #expect(created[path: "futureField.kept"] == true)
    }

    @Test func duplicatesMissingNamespacesAndBadNamesAreRejectedWithTheRightCodes() async throws {
        let store = try await store()
        try await store.create(ResourceCatalog.configMap, namespace: "todo", configMap)
        await #expect(throws: APIError.alreadyExists(ResourceCatalog.configMap, "settings")) {
            try await store.create(ResourceCatalog.configMap, namespace: "todo", configMap)
        }
        await #expect(throws: APIError.namespaceNotFound("elsewhere")) {
            try await store.create(ResourceCatalog.configMap, namespace: "elsewhere", configMap)
        }
        do {
            try await store.create(ResourceCatalog.configMap, namespace: "todo", ["metadata": ["name": "Bad_Name"]])
            Issue.record("expected 422")
        } catch {
            #expect(error.code == 422)
        }
    }

    @Test func aStaleResourceVersionIsAConflict() async throws {
        let store = try await store()
        let first = try await store.create(ResourceCatalog.configMap, namespace: "todo", configMap)
        var changed = first
        changed["data"] = ["a": "2"]
        try await store.update(ResourceCatalog.configMap, namespace: "todo", name: "settings", changed)
        do {
            try await store.update(ResourceCatalog.configMap, namespace: "todo", name: "settings", changed)
            Issue.record("expected 409")
        } catch {
            #expect(error.code == 409)
            #expect(error.reason == "Conflict")
        }
    }

    @Test func specChangesBumpGenerationAndStatusWritesDoNot() async throws {
        let store = try await store()
        let deployment = try await store.create(ResourceCatalog.deployment, namespace: "todo",
                                                ["metadata": ["name": "web"], "spec": ["replicas": 1]])
        #expect(deployment[path: "metadata.generation"] == 1)
        var scaled = deployment
        scaled[path: "spec.replicas"] = 3
        scaled[path: "status.replicas"] = 99
        let updated = try await store.update(ResourceCatalog.deployment, namespace: "todo", name: "web", scaled)
        #expect(updated[path: "metadata.generation"] == 2)
        #expect(updated[path: "status.replicas"].isNull)
        var status = updated
        status["status"] = ["replicas": 3]
        let withStatus = try await store.update(ResourceCatalog.deployment, namespace: "todo", name: "web", status, subresource: "status")
        #expect(withStatus[path: "metadata.generation"] == 2)
        #expect(withStatus[path: "status.replicas"] == 3)
    }

    @Test func listsPageWithLimitAndContinue() async throws {
        let store = try await store()
        for index in 0..<5 {
            try await store.create(ResourceCatalog.configMap, namespace: "todo", ["metadata": ["name": .string("cm-\(index)")]])
        }
        let scope = Scope(resource: ResourceCatalog.configMap, namespace: "todo", labels: .everything, fields: .everything)
        let first = try await store.list(scope, limit: 2)
        #expect(first.items.count == 2)
        #expect(first.remaining == 3)
        let second = try await store.list(scope, limit: 2, continue: first.continue)
        let third = try await store.list(scope, limit: 2, continue: second.continue)
        #expect((first.items + second.items + third.items).compactMap { $0[path: "metadata.name"].string } == (0..<5).map { "cm-\($0)" })
        #expect(third.continue == nil)
    }

    @Test func deletingAnOwnerDeletesWhatItOwns() async throws {
        let store = try await store()
        let owner = try await store.create(ResourceCatalog.replicaSet, namespace: "todo", ["metadata": ["name": "rs"], "spec": ["replicas": 1]])
        try await store.create(ResourceCatalog.pod, namespace: "todo",
                               ["metadata": ["name": "rs-abcde", "ownerReferences": [Ownership.reference(to: owner)]]])
        try await store.delete(ResourceCatalog.replicaSet, namespace: "todo", name: "rs")
        await #expect(throws: APIError.self) { try await store.get(ResourceCatalog.pod, namespace: "todo", name: "rs-abcde") }
    }

    @Test func watchesResumeFromAResourceVersion() async throws {
        let store = try await store()
        let created = try await store.create(ResourceCatalog.configMap, namespace: "todo", configMap)
        let since = Int64(created[path: "metadata.resourceVersion"].string ?? "") ?? 0
        var changed = created
        changed["data"] = ["a": "2"]
        try await store.update(ResourceCatalog.configMap, namespace: "todo", name: "settings", changed)
        let scope = Scope(resource: ResourceCatalog.configMap, namespace: "todo", labels: .everything, fields: .everything)
        var events = try await store.watch(scope, since: since).events.makeAsyncIterator()
        let event = await events.next()
        #expect(event?.type == "MODIFIED")
        #expect(event?.object[path: "data.a"] == "2")
    }
}

@Suite("Patches and selectors")
struct PatchTests {
    private let deployment: JSONValue = [
        "metadata": ["name": "web", "labels": ["app": "web", "tier": "front"]],
        "spec": ["template": ["spec": ["containers": [["name": "app", "image": "app:1", "env": [["name": "A", "value": "1"]]],
                                                     ["name": "sidecar", "image": "proxy:1"]]]]],
    ]

    @Test func strategicMergeMergesContainersByName() {
        let patch: JSONValue = ["spec": ["template": ["spec": ["$setElementOrder/containers": [["name": "app"], ["name": "sidecar"]],
                                                              "containers": [["name": "app", "image": "app:2"]]]]]]
        let result = Patch.strategic(deployment, patch)
        let containers = result[path: "spec.template.spec.containers"].array ?? []
        #expect(containers.count == 2)
        #expect(containers[0]["image"] == "app:2")
        #expect(containers[0]["env"] == [["name": "A", "value": "1"]])
        #expect(containers[1]["image"] == "proxy:1")
    }

    @Test func strategicDeleteDirectiveRemovesAnElement() {
        let patch: JSONValue = ["spec": ["template": ["spec": ["containers": [["name": "sidecar", "$patch": "delete"]]]]]]
        #expect(Patch.strategic(deployment, patch)[path: "spec.template.spec.containers"].array?.count == 1)
    }

    @Test func mergePatchReplacesListsAndNullDeletes() {
        let patch: JSONValue = ["metadata": ["labels": ["tier": nil]], "spec": ["template": ["spec": ["containers": [["name": "only"]]]]]]
        let result = Patch.merge(deployment, patch)
        #expect(result[path: "metadata.labels"] == ["app": "web"])
        #expect(result[path: "spec.template.spec.containers"].array?.count == 1)
    }

    @Test func jsonPatchAppliesEveryOperationOrNone() throws {
        let operations: JSONValue = [["op": "replace", "path": "/spec/template/spec/containers/0/image", "value": "app:3"],
                                     ["op": "add", "path": "/metadata/labels/new~1key", "value": "x"],
                                     ["op": "remove", "path": "/metadata/labels/tier"],
                                     ["op": "test", "path": "/metadata/name", "value": "web"]]
        let result = try Patch.json(deployment, operations)
        #expect(result[path: "spec.template.spec.containers"].array?.first?["image"] == "app:3")
        #expect(result[path: "metadata.labels"].object?["new/key"] == "x")
        #expect(result[path: "metadata.labels.tier"].isNull)
        #expect(throws: APIError.self) { try Patch.json(deployment, [["op": "remove", "path": "/spec/missing"]]) }
        #expect(throws: APIError.self) { try Patch.json(deployment, [["op": "test", "path": "/metadata/name", "value": "other"]]) }
    }

    @Test func labelSelectorsSupportSetsAndExistence() throws {
        let labels = ["app": "web", "tier": "front"]
        let matches = { (text: String) throws in try Selector(label: text).matches { labels[$0] } }
        #expect(try matches("app=web,tier!=back"))
        #expect(try matches("tier in (front, edge),app"))
        #expect(try !matches("tier notin (front)"))
        #expect(try !matches("!app"))
        #expect(try matches(""))
    }

    @Test func malformedSelectorsAreBadRequests() {
        for text in ["a===b", "=web", "app in (", "app!=="] {
            #expect(throws: APIError.self, "label selector \(text)") { try Selector(label: text) }
        }
        #expect(throws: APIError.self) { try Selector(field: "status.phase===Running") }
    }

    @Test func fieldSelectorsReadObjectPaths() throws {
        let pod: JSONValue = ["metadata": ["name": "p", "namespace": "todo"], "status": ["phase": "Pending"]]
        let selector = try Selector(field: "status.phase!=Running,metadata.name=p")
        #expect(selector.matches { FieldPath.value(of: pod, at: $0) })
    }
}

@Suite("Server-side defaults")
struct DefaultsTests {
    @Test func servicesGetAClusterIPPortsAndNodePortsThatDoNotCollide() async throws {
        let store = ObjectStore()
        try await store.create(ResourceCatalog.namespace, namespace: nil, ["metadata": ["name": "todo"]])
        let first = try await store.create(ResourceCatalog.service, namespace: "todo",
                                           ["metadata": ["name": "a"], "spec": ["type": "NodePort", "ports": [["port": 80]]]])
        let second = try await store.create(ResourceCatalog.service, namespace: "todo",
                                            ["metadata": ["name": "b"], "spec": ["ports": [["port": 8000, "targetPort": 8080]]]])
        #expect(first[path: "spec.clusterIP"].string?.hasPrefix("10.96.") == true)
        #expect(first[path: "spec.clusterIP"] != second[path: "spec.clusterIP"])
        #expect(first[path: "spec.ports"].array?.first?["targetPort"] == 80)
        #expect((30_000...32_767).contains(first[path: "spec.ports"].array?.first?["nodePort"].int ?? 0))
        #expect(second[path: "spec.type"] == "ClusterIP")
        #expect(second[path: "spec.ports"].array?.first?["targetPort"] == 8080)
        #expect(second[path: "spec.ports"].array?.first?["protocol"] == "TCP")
    }

    @Test func deploymentsAndTheirPodTemplatesGetTheAPIDefaultsButKeepWhatWasSent() async throws {
        let store = ObjectStore()
        try await store.create(ResourceCatalog.namespace, namespace: nil, ["metadata": ["name": "todo"]])
        let created = try await store.create(ResourceCatalog.deployment, namespace: "todo", [
            "metadata": ["name": "web"],
            "spec": ["selector": ["matchLabels": ["app": "web"]], "strategy": ["type": "Recreate"],
                     "template": ["metadata": ["labels": ["app": "web"]],
                                  "spec": ["containers": [["name": "web", "image": "nginx"], ["name": "side", "image": "busybox:1.36"]]]]],
        ])
        #expect(created[path: "spec.replicas"] == 1)
        #expect(created[path: "spec.strategy"] == ["type": "Recreate"])
        #expect(created[path: "spec.progressDeadlineSeconds"] == 600)
        #expect(created[path: "spec.template.spec.restartPolicy"] == "Always")
        let containers = created[path: "spec.template.spec.containers"].array ?? []
        #expect(containers.map { $0["imagePullPolicy"] } == ["Always", "IfNotPresent"])
    }
}

@Suite("JSON output")
struct JSONOutputTests {
    @Test func writesCompactSortedJSONThatParsesBackToTheSameValue() throws {
        let value: JSONValue = ["b": [1, .double(2.5), true, nil], "a": "quote \" slash / back \\ line\nend \u{01} é", "c": ["z": .double(1), "y": -3]]
        let text = String(decoding: value.data(), as: UTF8.self)
        #expect(text == #"{"a":"quote \" slash / back \\ line\nend \u0001 é","b":[1,2.5,true,null],"c":{"y":-3,"z":1}}"#)
        #expect(try JSONValue.parse(value.data()) == ["b": [1, .double(2.5), true, nil], "a": "quote \" slash / back \\ line\nend \u{01} é", "c": ["z": 1, "y": -3]])
    }
}
