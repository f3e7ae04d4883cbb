import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import KaiTestSupport
import MCP
import Testing

/// `kai mcp --http`: the SDK's HTTP client against kai's streamable HTTP endpoint.
@Suite("kai mcp over HTTP", .serialized)
struct MCPHTTPTests {
    @Test func everyRequestNeedsTheTokenKaiPrinted() async throws {
        try await MCPHTTPSession.with(["--sandbox"], environment: [:]) { http in
            for token in [nil, String(http.token.reversed())] {
                let error = await #expect(throws: MCPError.self) { try await http.withClient(token: token) { _ in } }
                #expect(error?.errorDescription?.contains("Authentication required") == true, "\(String(describing: error))")
            }
            let names = try await http.withClient(token: http.token) { client in try await client.listTools().tools.map(\.name) }
            #expect(names.contains("scale") && names.contains("plan"))
        }
    }

    @Test func readsRunAndChangesWaitForKaiApproveOverHTTP() async throws {
        try await TestCluster.with { cluster in
            try await MCPHTTPSession.with([], environment: cluster.environment) { http in
                try await http.withClient(token: http.token, elicitation: true) { client in
                    let read: RequestContext<CallTool.Result> = try await client.callTool(name: "rolloutStatus", arguments: ["target": "backend"])
                    let status = try await read.value
                    #expect(status.isError == false)
                    #expect(status.structuredContent?["results", "0", "status"] == .string("succeeded"))
                    let change: RequestContext<CallTool.Result> = try await client.callTool(name: "scale", arguments: ["target": "frontend", "replicas": 2])
                    let offered = try await change.value
                    #expect(offered.structuredContent?["approval", "id"]?.stringValue != nil, "\(offered.content)")
                }
            }
            #expect(try await cluster.field("frontend") == "1")
        }
    }

    @Test func aRequestOutsideASessionMustBeInitializeAndIsAnsweredAtOnce() async throws {
        try await MCPHTTPSession.with(["--sandbox"], environment: [:]) { http in
            var request = URLRequest(url: http.endpoint)
            request.httpMethod = "POST"
            request.setValue("Bearer \(http.token)", forHTTPHeaderField: "Authorization")
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.setValue("application/json, text/event-stream", forHTTPHeaderField: "Accept")
            request.httpBody = Data(#"{"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "list", "arguments": {"kind": "pods"}}}"#.utf8)
            let (body, response) = try await URLSession.shared.data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == 400)
            #expect(String(decoding: body, as: UTF8.self).contains("start a session with an initialize request"))
        }
    }

    @Test func anAddressBeyondLoopbackNeedsListenAny() async throws {
        let refused = try await KaiProcess.run(["mcp", "--sandbox", "--http", "0.0.0.0:0"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("not a loopback address"))
        #expect(refused.stderr.contains("--listen-any"))
    }
}
