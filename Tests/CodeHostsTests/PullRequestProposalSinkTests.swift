import CodeHosts
import Foundation
import InfinitySystem
import InfinityTestSupport
import OrchestrationEngine
import SelfHealing
import Testing

/// Records the one request it is given; any other use fails the test.
final class RecordingChangeProposer: ChangeProposer, @unchecked Sendable {
    private let lock = NSLock()
    private var _requests: [ChangeRequest] = []
    var requests: [ChangeRequest] { lock.withLock { _requests } }

    func propose(_ request: ChangeRequest) async throws -> ProposedChange {
        lock.withLock { _requests.append(request) }
        return ProposedChange(branch: request.branchName, number: 7, url: "https://example.invalid/pull/7", reused: false)
    }
}

@Suite("Healing proposals become pull requests")
struct PullRequestProposalSinkTests {
    @Test("the changed files of the scratch clone go to the proposer against the default branch")
    func mapsProposal() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try FileManager.default.createDirectory(atPath: dir.url("clone"), withIntermediateDirectories: true)
        try "urllib3==1.26.5\n".write(toFile: dir.url("clone/requirements.txt"), atomically: true, encoding: .utf8)
        let proposer = RecordingChangeProposer()
        let sink = PullRequestProposalSink(proposer: proposer, repositories: ["svc": ("acme/svc", "trunk")])
        let receipt = try await sink.propose(HealProposal(
            repository: "svc", origin: "https://github.com/acme/svc", clone: dir.url("clone"),
            branch: "infinity/heal/vulnerable_dependency/0123456789ab", baseSHA: "0123456789abcdef",
            title: "infinity heal: bump urllib3", body: "why", changedFiles: ["requirements.txt", "deleted.txt"]))
        let request = try #require(proposer.requests.first)
        #expect(proposer.requests.count == 1)
        #expect(request.repository == "acme/svc" && request.baseBranch == "trunk")
        #expect(request.category == "vulnerable_dependency" && request.baseSHA == "0123456789abcdef")
        #expect(request.files == ["requirements.txt": Data("urllib3==1.26.5\n".utf8)])
        #expect(receipt.url == "https://example.invalid/pull/7" && !receipt.reused)
        #expect(receipt.branch.hasPrefix("infinity/heal/"))
    }

    @Test("a repository missing from the manifest is refused with its name")
    func unknownRepository() async throws {
        let sink = PullRequestProposalSink(proposer: RecordingChangeProposer(), repositories: [:])
        await #expect(throws: HealProposalError.self) {
            try await sink.propose(HealProposal(repository: "ghost", origin: "x", clone: "/nonexistent", branch: "infinity/heal/x/1",
                                                baseSHA: nil, title: "t", body: "b", changedFiles: ["a"]))
        }
    }
}
