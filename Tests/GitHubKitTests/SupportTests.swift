import Foundation
import GitHubKit
import InfinityTestSupport
import Testing

@Suite("Support types")
struct SupportTests {
    @Test("CRC-32 matches the standard check value")
    func crc32() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
    }

    @Test("gzip output round-trips through the server's inflater and compresses JSON")
    func gzipRoundTrip() throws {
        let samples: [Data] = [
            Data(), Data("a".utf8), Data(repeating: 0x41, count: 100_000),
            Data((0..<5000).map { #"{"ruleId":"R\#($0 % 17)","level":"warning"}"# }.joined(separator: ",").utf8),
            Data((0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }),
        ]
        for sample in samples {
            let compressed = Gzip.compress(sample)
            #expect(try Inflate.gunzip(compressed, limit: 1 << 24) == sample)
        }
        let json = samples[3]
        #expect(Gzip.compress(json).count * 5 < json.count)
    }

    @Test("the inflater rejects corrupt data and output beyond its limit")
    func inflateRejectsBadInput() throws {
        var corrupt = Gzip.compress(Data("hello world hello world".utf8))
        corrupt[corrupt.count - 5] ^= 0xFF
        #expect(throws: Inflate.Failure.self) { try Inflate.gunzip(corrupt, limit: 1024) }
        #expect(throws: Inflate.Failure.self) { try Inflate.gunzip(Data("plain".utf8), limit: 1024) }
        #expect(throws: Inflate.Failure.self) { try Inflate.gunzip(Gzip.compress(Data(count: 5000)), limit: 100) }
    }

    @Test("gzip interoperates with Python's gzip in both directions", .enabled(if: which("python3") != nil, "python3 not installed"))
    func gzipMatchesPython() async throws {
        let python = try #require(which("python3"))
        let text = Data((0..<3000).map { "line \($0) of a SARIF-like report\n" }.joined().utf8)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gzip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let ours = directory.appendingPathComponent("ours.gz")
        let theirs = directory.appendingPathComponent("theirs.gz")
        let plain = directory.appendingPathComponent("plain.txt")
        try Gzip.compress(text).write(to: ours)
        try text.write(to: plain)
        let script = """
            import gzip, sys
            assert gzip.decompress(open(sys.argv[1], 'rb').read()) == open(sys.argv[3], 'rb').read(), 'mismatch'
            open(sys.argv[2], 'wb').write(gzip.compress(open(sys.argv[3], 'rb').read(), 9))
            print('ok')
            """
        let result = try await runProcess(python, ["-c", script, ours.path, theirs.path, plain.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(try Inflate.gunzip(try Data(contentsOf: theirs), limit: 1 << 24) == text)
    }

    @Test("GitHub timestamps parse in every form the official examples use")
    func timestamps() throws {
        let base = try #require(GitHubDate.parse("2011-01-26T19:01:12Z"))
        #expect(base.timeIntervalSince1970 == 1_296_068_472)
        #expect(GitHubDate.parse("2011-01-26T19:01:12.500Z")?.timeIntervalSince1970 == 1_296_068_472.5)
        #expect(GitHubDate.parse("2011-01-26T12:01:12-07:00") == base)
        #expect(GitHubDate.parse("2011-01-26T21:01:12.000+02:00") == base)
        #expect(GitHubDate.format(base) == "2011-01-26T19:01:12Z")
        for bad in ["", "2011-01-26", "2011-13-26T19:01:12Z", "2011-01-26T19:01:12", "2011-01-26T19:01:12Zjunk", "x011-01-26T19:01:12Z"] {
            #expect(GitHubDate.parse(bad) == nil, "accepted \(bad)")
        }
    }

    @Test("api_url resolves github.com and Enterprise Server endpoints and refuses plain http off loopback")
    func endpoints() throws {
        let dotcom = try GitHubConfiguration(apiURL: "https://api.github.com")
        #expect(dotcom.graphQLURL.absoluteString == "https://api.github.com/graphql")
        let ghes = try GitHubConfiguration(apiURL: "https://ghe.example.com/api/v3/")
        #expect(ghes.apiURL.absoluteString == "https://ghe.example.com/api/v3")
        #expect(ghes.graphQLURL.absoluteString == "https://ghe.example.com/api/graphql")
        #expect(GitHubConfiguration().apiURL.absoluteString == "https://api.github.com")
        let insecure = #expect(throws: GitHubError.self) { _ = try GitHubConfiguration(apiURL: "http://ghe.example.com/api/v3") }
        #expect(insecure?.code == .configuration)
        #expect(throws: GitHubError.self) { _ = try GitHubConfiguration(apiURL: "not a url") }
        #expect(try GitHubConfiguration(apiURL: "http://127.0.0.1:8080/api/v3").graphQLURL.absoluteString == "http://127.0.0.1:8080/api/graphql")
    }

    @Test("tokens come from GITHUB_TOKEN, then GH_TOKEN, or a named variable")
    func tokenFromEnvironment() throws {
        func token(_ auth: GitHubAuthentication) -> String? {
            if case .token(let secret) = auth { return secret.unredactedValue }
            return nil
        }
        #expect(token(try .token(fromEnvironment: ["GITHUB_TOKEN": "a", "GH_TOKEN": "b"])) == "a")
        #expect(token(try .token(fromEnvironment: ["GH_TOKEN": " b\n"])) == "b")
        #expect(token(try .token(fromEnvironment: ["MY_TOKEN": "c", "GITHUB_TOKEN": "a"], variable: "MY_TOKEN")) == "c")
        let missing = #expect(throws: GitHubError.self) { _ = try GitHubAuthentication.token(fromEnvironment: ["GITHUB_TOKEN": ""]) }
        #expect(missing?.message.contains("GITHUB_TOKEN or GH_TOKEN") == true)
    }

    @Test("path segments are percent-encoded so names cannot alter the request path")
    func pathEncoding() throws {
        #expect(GitHubPath.segment("a/b?c#d e") == "a%2Fb%3Fc%23d%20e")
        #expect(GitHubPath.segments("heads/feature/x y") == "heads/feature/x%20y")
        #expect(try GitHubPath.repository("acme/repo") == "/repos/acme/repo")
        #expect(throws: GitHubError.self) { _ = try GitHubPath.repository("acme") }
        #expect(throws: GitHubError.self) { _ = try GitHubPath.repository("acme/repo/extra") }
    }
}
