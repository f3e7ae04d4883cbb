import KaiKube

/// One kind of object kept current by a list and a watch from the list's resourceVersion, as
/// client-go's reflector does: when the watch drops (the server's timeout, a lost connection, a
/// version too old to resume from), it lists again and watches from there, so no change is missed.
struct ListWatch<Object: Decodable & Sendable>: Sendable {
    /// What the loop reports: a whole list after each (re)sync, then each change.
    enum Report: Sendable {
        case listed([Object])
        case changed(WatchEvent<Object>)
    }

    let client: KubeClient
    let resource: APIResource
    let namespace: String
    var fieldSelector: String?
    var labelSelector: String?

    /// Lists and watches until `deadline` or cancellation, handing every report to `report`.
    func run(until deadline: ContinuousClock.Instant, _ report: @Sendable (Report) -> Void) async throws {
        let clock = ContinuousClock()
        while clock.now < deadline {
            try Task.checkCancellation()
            let list = try await client.list(Object.self, resource, in: namespace, labelSelector: labelSelector, fieldSelector: fieldSelector)
            report(.listed(list.items))
            let events = client.watch(Object.self, resource, in: namespace, fieldSelector: fieldSelector, labelSelector: labelSelector,
                                      resourceVersion: list.metadata.resourceVersion, timeout: max(clock.now.duration(to: deadline), .seconds(1)))
            do {
                for try await event in events { report(.changed(event)) }
            } catch let error as KubeError where [.expired, .unreachable, .timedOut].contains(error.reason) {
                continue  // resync: list again and watch from the new version
            }
        }
    }
}
