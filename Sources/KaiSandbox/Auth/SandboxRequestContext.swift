import Hummingbird
import NIOCore
import NIOSSL
import X509

/// The request context of the sandbox's API: Hummingbird's core storage and the connection the
/// request came on, whose TLS client certificate (if any) names who sent it.
struct SandboxRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// The identity of the verified client certificate, as the API server's x509 authenticator
    /// reads it: the common name is the user, each organization a group. Nil without one.
    func certificateIdentity() async -> UserInfo? {
        guard let peer = try? await channel.nioSSL_peerCertificate().get(),
              let certificate = try? Certificate(derEncoded: peer.toDERBytes()) else { return nil }
        var name = "", groups: [String] = []
        for attribute in certificate.subject.flatMap({ $0 }) {
            if attribute.type == .RDNAttributeType.commonName { name = attribute.value.description }
            if attribute.type == .RDNAttributeType.organizationName { groups.append(attribute.value.description) }
        }
        guard !name.isEmpty else { return nil }
        return UserInfo(name: name, groups: groups.contains(UserInfo.authenticatedGroup) ? groups : groups + [UserInfo.authenticatedGroup])
    }
}
