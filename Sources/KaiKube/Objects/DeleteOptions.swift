/// The body of a delete that names the object it means (`meta/v1 DeleteOptions`).
struct DeleteOptions: Encodable {
    /// The uid and resourceVersion the object must still have for the delete to happen (nil: any).
    struct Preconditions: Encodable {
        let uid: String?
        let resourceVersion: String?
    }

    let kind = "DeleteOptions"
    let apiVersion = "v1"
    let preconditions: Preconditions
}
