/// The `preconditions` of a delete's `DeleteOptions`: the object is deleted only while its uid and
/// resourceVersion are the ones the client names, so a client never deletes an object created
/// again under the same name, or changed since it looked.
public struct DeletePreconditions: Sendable, Equatable {
    public var uid: String?
    public var resourceVersion: String?

    /// No precondition: the object is deleted whatever its state.
    public init(uid: String? = nil, resourceVersion: String? = nil) {
        self.uid = uid
        self.resourceVersion = resourceVersion
    }

    /// The preconditions of a `DeleteOptions` body (none when there is no body).
    init(options: JSONValue?) throws(APIError) {
        guard let options, !options.isNull else {
            self.init()
            return
        }
        let preconditions = options["preconditions"]
        guard preconditions.isNull || preconditions.object != nil else {
            throw APIError.badRequest("DeleteOptions.preconditions must be an object")
        }
        self.init(uid: preconditions["uid"].string, resourceVersion: preconditions["resourceVersion"].string)
    }

    /// Throws the API server's 409 when `object` is not the one the preconditions name.
    func check(_ object: JSONValue, resource: ResourceType, name: String) throws(APIError) {
        if let uid, let actual = object[path: "metadata.uid"].string, uid != actual {
            throw APIError.preconditionFailed(resource, name, field: "UID", expected: uid, actual: actual)
        }
        if let resourceVersion, let actual = object[path: "metadata.resourceVersion"].string, resourceVersion != actual {
            throw APIError.preconditionFailed(resource, name, field: "ResourceVersion", expected: resourceVersion, actual: actual)
        }
    }
}
