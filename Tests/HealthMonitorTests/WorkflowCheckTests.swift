import Foundation
@testable import HealthMonitor
import InfinityModel
import InfinitySystem
import InfinityTestSupport
import Testing

@Suite("Workflow checks")
struct WorkflowCheckTests {
    func analyze(_ text: String, path: String = ".github/workflows/ci.yml") -> [String: CheckResult] {
        var a = WorkflowAnalyzer()
        a.analyze(path: path, text: text)
        return Dictionary(uniqueKeysWithValues: a.results().map { ($0.id, $0) })
    }

    @Test("write-all at the top fails with its line; restricted permissions pass")
    func permissions() {
        let bad = analyze("on: push\npermissions: write-all\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n")
        #expect(bad["workflow-permissions"]?.outcome == .fail)
        #expect(bad["workflow-permissions"]?.evidence.contains("ci.yml:2") == true)
        let good = analyze("on: push\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n")
        #expect(good["workflow-permissions"]?.outcome == .pass)
    }

    @Test("a job without permissions under a workflow without them fails; per-job permissions pass; top-level writes warn")
    func missingPermissions() {
        let missing = analyze("on: push\njobs:\n  build:\n    runs-on: x\n    steps:\n      - run: make\n")
        #expect(missing["workflow-permissions"]?.outcome == .fail)
        #expect(missing["workflow-permissions"]?.evidence.contains("job `build`") == true)
        let perJob = analyze("on: push\njobs:\n  build:\n    permissions:\n      contents: read\n    runs-on: x\n    steps:\n      - run: make\n")
        #expect(perJob["workflow-permissions"]?.outcome == .pass)
        let writes = analyze("on: push\npermissions:\n  contents: write\n  packages: write\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n")
        #expect(writes["workflow-permissions"]?.outcome == .warn)
        #expect(writes["workflow-permissions"]?.evidence.contains("contents, packages") == true)
    }

    @Test("pull_request_target that checks out the PR head is dangerous; a plain pull_request checkout is not")
    func untrustedCheckout() {
        let text = """
            on:
              pull_request_target:
                types: [opened]
            permissions: {}
            jobs:
              t:
                runs-on: x
                steps:
                  - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
                    with:
                      ref: ${{ github.event.pull_request.head.sha }}
            """
        let r = analyze(text)
        #expect(r["dangerous-workflows"]?.outcome == .fail)
        #expect(r["dangerous-workflows"]?.evidence.contains("ci.yml:9") == true)
        let safe = analyze(text.replacingOccurrences(of: "pull_request_target", with: "pull_request"))
        #expect(safe["dangerous-workflows"]?.outcome == .pass)
    }

    @Test("event fields interpolated into run: are script injection; through env: they are fine")
    func scriptInjection() {
        let bad = analyze("on: issues\npermissions: {}\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: |\n          echo \"${{ github.event.issue.title }}\"\n")
        #expect(bad["dangerous-workflows"]?.outcome == .fail)
        #expect(bad["dangerous-workflows"]?.evidence.contains("github.event.issue.title") == true)
        let good = analyze("on: issues\npermissions: {}\njobs:\n  t:\n    runs-on: x\n    steps:\n      - env:\n          TITLE: ${{ github.event.issue.title }}\n        run: echo \"$TITLE\" ${{ matrix.os }}\n")
        #expect(good["dangerous-workflows"]?.outcome == .pass)
    }

    @Test("third-party actions on tags fail, first-party ones warn, SHAs and local actions pass")
    func pinning() {
        func pinned(_ uses: String) -> CheckOutcome? {
            analyze("on: push\npermissions: {}\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: \(uses)\n")["pinned-actions"]?.outcome
        }
        #expect(pinned("some-org/deploy@v1") == .fail)
        #expect(pinned("some-org/deploy") == .fail)
        #expect(pinned("actions/setup-python@v5") == .warn)
        #expect(pinned("some-org/deploy@0123456789abcdef0123456789abcdef01234567") == .pass)
        #expect(pinned("./.github/actions/local") == .pass)
        #expect(pinned("docker://alpine:3.19") == .warn)
        #expect(pinned("docker://alpine@sha256:abcd") == .pass)
        let reusable = analyze("on: push\njobs:\n  call:\n    uses: other-org/workflows/.github/workflows/ci.yml@main\n")
        #expect(reusable["pinned-actions"]?.outcome == .fail)
    }

    @Test("malformed YAML, alias bombs, non-mapping documents and oversized files warn with the reason")
    func badInput() async throws {
        let malformed = analyze("on: push\njobs:\n  a: [unclosed\n")
        #expect(malformed["workflow-permissions"]?.outcome == .warn)
        #expect(malformed["workflow-permissions"]?.evidence.contains("malformed YAML: line") == true)

        var bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
        for i in 1...70 { bomb += "b\(i): [*a, *a]\n" }
        let refused = analyze(bomb)
        #expect(refused["dangerous-workflows"]?.outcome == .warn)
        #expect(refused["dangerous-workflows"]?.evidence.contains("aliases") == true)

        #expect(analyze("- just\n- a list\n")["pinned-actions"]?.evidence.contains("must be a mapping") == true)

        // A huge workflow in a real repository is not parsed.
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.url("repo")
        let huge = "on: push\n# " + String(repeating: "x", count: (1 << 20) + 10) + "\n"
        let sha = try await GitFixture().makeRepository(at: path, files: [".github/workflows/huge.yml": huge])
        let tree = try await RepositoryTree.load(GitCLI().content(of: path, commit: sha))
        let results = await ContentChecks.evaluate(tree)
        let perm = try #require(results.first { $0.id == "workflow-permissions" })
        #expect(perm.outcome == .warn)
        #expect(perm.evidence.contains("past the 1 MiB limit"))
    }

    @Test("a document past the node budget is refused instead of walked")
    func nodeBudget() {
        let text = "on: push\nx: [" + String(repeating: "1,", count: WorkflowAnalyzer.nodeBudget + 10) + "1]\n"
        let r = analyze(text)
        #expect(r["pinned-actions"]?.outcome == .warn)
        #expect(r["pinned-actions"]?.evidence.contains("too large or nested") == true)
    }
}
