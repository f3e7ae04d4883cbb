extension APIResource {
    public static let nodes = APIResource(group: "", version: "v1", plural: "nodes", singular: "node")
    public static let endpoints = APIResource(group: "", version: "v1", plural: "endpoints", singular: "endpoints")
    public static let secrets = APIResource(group: "", version: "v1", plural: "secrets", singular: "secret")
    public static let persistentVolumeClaims = APIResource(group: "", version: "v1", plural: "persistentvolumeclaims",
                                                           singular: "persistent volume claim")
}
