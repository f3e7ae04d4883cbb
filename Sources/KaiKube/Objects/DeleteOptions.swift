/// The body of a delete that names the object it means (`meta/v1 DeleteOptions`).
struct DeleteOptions: Encodable {
    /// The uid the object must still have for the delete to happen.
    struct Preconditions: Encodable {
        let uid: String
    }

    let kind = "DeleteOptions"
    let apiVersion = "v1"
    let preconditions: Preconditions
}
