import Foundation

/// One container's status moving one step, as the kubelet would move it, and the events that step emits.
struct ContainerMachine {
    var status: JSONValue
    let container: JSONValue
    let pod: JSONValue
    let fault: Fault?
    let timing: KubeletTiming
    let clock: TransitionClock
    let now: Date
    private(set) var events: [(type: String, reason: String, message: String)] = []

    init(status: JSONValue, container: JSONValue, pod: JSONValue, fault: Fault?, timing: KubeletTiming, clock: TransitionClock, now: Date) {
        self.status = status
        self.container = container
        self.pod = pod
        self.fault = fault
        self.timing = timing
        self.clock = clock
        self.now = now
    }

    private var name: String { container["name"].string ?? "" }
    private var image: String { container["image"].string ?? "" }
    private var component: String { Kubelet.component(pod) }
    /// Where the clock keeps this container's moment called `field`.
    private func key(_ field: String) -> String { "\(pod[path: "metadata.uid"].string ?? "")/\(name)/\(field)" }
    private var podRef: String {
        "\(pod[path: "metadata.name"].string ?? "")_\(pod[path: "metadata.namespace"].string ?? "")(\(pod[path: "metadata.uid"].string ?? ""))"
    }

    mutating func step(configError: String?) {
        if let waiting = status[path: "state.waiting.reason"].string {
            startIfPossible(waiting: waiting, configError: configError)
        } else if let started = clock.moment(of: status[path: "state.running.startedAt"].string, key: key("started")) {
            run(since: started)
        }
    }

    private mutating func startIfPossible(waiting reason: String, configError: String?) {
        let restarts = status["restartCount"].int ?? 0
        if reason == "CrashLoopBackOff" {
            let finished = clock.moment(of: status[path: "lastState.terminated.finishedAt"].string, key: key("finished")) ?? now
            guard now.timeIntervalSince(finished) >= backOff(restarts) else { return }
        }
        if fault == .imagepull || !ImageRegistry.has(image) {
            pullFailed(previous: reason)
            return
        }
        if reason == "ContainerCreating" || reason.contains("Image") {
            events.append(("Normal", "Pulling", "Pulling image \"\(image)\""))
            events.append(("Normal", "Pulled", "Successfully pulled image \"\(image)\" in 1.2s (1.2s including waiting). Image size: 52428800 bytes."))
        } else if reason == "CrashLoopBackOff" {
            events.append(("Normal", "Pulled", "Container image \"\(image)\" already present on machine"))
        }
        if let configError {
            guard reason != "CreateContainerConfigError" || status[path: "state.waiting.message"].string != configError else { return }
            status["state"] = ["waiting": ["reason": "CreateContainerConfigError", "message": .string(configError)]]
            events.append(("Warning", "Failed", "Error: \(configError)"))
            return
        }
        status["state"] = ["running": ["startedAt": .string(clock.stamp(now, key: key("started")))]]
        status["started"] = true
        status["ready"] = false
        status["imageID"] = .string("docker.io/library/\(image)@sha256:\(String(repeating: "0", count: 64))")
        status["containerID"] = .string("containerd://\(String(UInt64.random(in: 0...UInt64.max), radix: 16))")
        events.append(("Normal", "Created", "Created container: \(name)"))
        events.append(("Normal", "Started", "Started container \(name)"))
    }

    private mutating func pullFailed(previous reason: String) {
        let reference = image.contains("/") ? image : "docker.io/library/\(image)"
        if reason == "ErrImagePull" {
            status["state"] = ["waiting": ["reason": "ImagePullBackOff", "message": .string("Back-off pulling image \"\(image)\"")]]
            events.append(("Normal", "BackOff", "Back-off pulling image \"\(image)\""))
            events.append(("Warning", "Failed", "Error: ImagePullBackOff"))
        } else if reason != "ImagePullBackOff" {
            let why = "rpc error: code = NotFound desc = failed to pull and unpack image \"\(reference)\": failed to resolve reference \"\(reference)\": \(reference): not found"
            status["state"] = ["waiting": ["reason": "ErrImagePull", "message": .string(why)]]
            events.append(("Normal", "Pulling", "Pulling image \"\(image)\""))
            events.append(("Warning", "Failed", "Failed to pull image \"\(image)\": \(why)"))
            events.append(("Warning", "Failed", "Error: ErrImagePull"))
        }
    }

    private mutating func run(since started: Date) {
        let elapsed = now.timeIntervalSince(started)
        if let fault, fault.crashes(component: component), elapsed >= timing.crashAfter {
            let oom = fault == .oom
            let restarts = (status["restartCount"].int ?? 0) + 1
            status["lastState"] = ["terminated": ["exitCode": oom ? 137 : 1, "reason": oom ? "OOMKilled" : "Error",
                                                  "startedAt": .string(Timestamp.format(started)), "finishedAt": .string(clock.stamp(now, key: key("finished"))),
                                                  "containerID": status["containerID"]]]
            status["restartCount"] = .int(Int64(restarts))
            status["ready"] = false
            status["started"] = false
            let wait = Int(backOff(restarts))
            status["state"] = ["waiting": ["reason": "CrashLoopBackOff",
                                           "message": .string("back-off \(wait)s restarting failed container=\(name) pod=\(podRef)")]]
            events.append(("Warning", "BackOff", "Back-off restarting failed container \(name) in pod \(podRef)"))
            return
        }
        if failsReadiness {
            guard elapsed >= timing.ready else { return }
            events.append(("Warning", "Unhealthy", ProbeText.readinessFailure(container)))
            return
        }
        if status["ready"].bool != true, elapsed >= timing.ready { status["ready"] = true }
    }

    private var failsReadiness: Bool {
        fault == .readiness || (fault == .dbDown && component == "postgres")
    }

    private func backOff(_ restarts: Int) -> TimeInterval {
        min(timing.backOff * pow(2, Double(max(0, restarts - 1))), timing.backOffLimit)
    }
}

/// How a failing readiness probe is reported, by probe kind.
enum ProbeText {
    static func readinessFailure(_ container: JSONValue) -> String {
        let probe = container["readinessProbe"]
        if !probe[path: "httpGet"].isNull {
            return "Readiness probe failed: HTTP probe failed with statuscode: 503"
        }
        if let command = probe[path: "exec.command"].array?.compactMap(\.string), command.first == "pg_isready" {
            return "Readiness probe failed: /var/run/postgresql:5432 - no response"
        }
        return "Readiness probe failed: dial tcp: connect: connection refused"
    }
}

/// The images the sandbox's registry holds: every tag of other repositories, but only the
/// released tags of the todo images, so a mistyped version fails to pull as it would for real.
enum ImageRegistry {
    static let releasedTags: [String: Set<String>] = [
        "todo-backend": ["1.0.0", "1.1.0", "1.2.0", "2.0.0"],
        "todo-frontend": ["1.0.0", "1.1.0", "1.2.0", "1.3.0"],
    ]

    static func has(_ image: String) -> Bool {
        let withoutDigest = image.split(separator: "@").first.map(String.init) ?? image
        let slash = withoutDigest.lastIndex(of: "/")
        let colon = withoutDigest.lastIndex(of: ":").flatMap { colon in slash.map { colon > $0 } ?? true ? colon : nil }
        let repository = String(withoutDigest[..<(colon ?? withoutDigest.endIndex)])
        let tag = colon.map { String(withoutDigest[withoutDigest.index(after: $0)...]) } ?? "latest"
        let name = repository.split(separator: "/").last.map(String.init) ?? repository
        guard let tags = releasedTags[name] else { return true }
        return tags.contains(tag)
    }
}

/// Whether a container's environment references Secrets and ConfigMaps that exist and hold the keys.
enum ConfigCheck {
    static func error(in container: JSONValue, secrets: [JSONValue], configMaps: [JSONValue], namespace: String) -> String? {
        func find(_ list: [JSONValue], _ name: String) -> JSONValue? { list.first { $0[path: "metadata.name"].string == name } }
        for variable in container["env"].array ?? [] {
            if let reference = variable[path: "valueFrom.secretKeyRef"].object, reference["optional"]?.bool != true {
                let name = reference["name"]?.string ?? "", key = reference["key"]?.string ?? ""
                guard let secret = find(secrets, name) else { return "secret \"\(name)\" not found" }
                if secret[path: "data"].object?[key] == nil, secret[path: "stringData"].object?[key] == nil {
                    return "couldn't find key \(key) in Secret \(namespace)/\(name)"
                }
            }
            if let reference = variable[path: "valueFrom.configMapKeyRef"].object, reference["optional"]?.bool != true {
                let name = reference["name"]?.string ?? "", key = reference["key"]?.string ?? ""
                guard let configMap = find(configMaps, name) else { return "configmap \"\(name)\" not found" }
                if configMap[path: "data"].object?[key] == nil { return "couldn't find key \(key) in ConfigMap \(namespace)/\(name)" }
            }
        }
        for source in container["envFrom"].array ?? [] {
            if let name = source[path: "configMapRef.name"].string, source[path: "configMapRef.optional"].bool != true, find(configMaps, name) == nil {
                return "configmap \"\(name)\" not found"
            }
            if let name = source[path: "secretRef.name"].string, source[path: "secretRef.optional"].bool != true, find(secrets, name) == nil {
                return "secret \"\(name)\" not found"
            }
        }
        return nil
    }
}
