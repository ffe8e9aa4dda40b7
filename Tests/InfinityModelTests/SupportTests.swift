import Foundation
import InfinityModel
import Testing

@Suite("Model support types")
struct SupportTests {
    @Test("globs match whole names with *, ? and classes", arguments: [
        ("svc-*", "svc-api", true), ("svc-*", "web", false), ("*", "", true), ("a?c", "abc", true), ("a?c", "ac", false),
        ("[a-c]x", "bx", true), ("[!a-c]x", "bx", false), ("*-test-*", "a-test-b", true), ("**", "x", true), ("[", "[", true),
    ])
    func glob(pattern: String, name: String, expected: Bool) {
        #expect(Glob(pattern).matches(name) == expected)
    }

    @Test("glob matching stays linear on hostile patterns")
    func globHostile() {
        let name = String(repeating: "a", count: 5000) + "b"
        #expect(!Glob(String(repeating: "*a", count: 50) + "c").matches(name))
    }

    @Test("cron expressions parse and compute the next time")
    func cron() throws {
        let c = try CronSchedule("*/15 * * * *")
        let t = Date(timeIntervalSince1970: 1_700_000_000) // 2023-11-14T22:13:20Z
        #expect(c.next(after: t) == Date(timeIntervalSince1970: 1_700_000_100)) // 22:15
        let daily = try CronSchedule("0 2 * * *")
        let next = try #require(daily.next(after: t))
        #expect(Calendar.utc.component(.hour, from: next) == 2 && Calendar.utc.component(.minute, from: next) == 0)
        #expect(throws: CronSchedule.ParseError.self) { try CronSchedule("* * * *") }
        #expect(throws: CronSchedule.ParseError.self) { try CronSchedule("0 24 * * *") }
        #expect(throws: CronSchedule.ParseError.self) { try CronSchedule("*/0 * * * *") }
    }

    @Test("durations parse with units")
    func durations() {
        #expect(DurationParser.seconds("45") == 45)
        #expect(DurationParser.seconds("1h30m") == 5400)
        #expect(DurationParser.seconds("2d") == 172_800)
        #expect(DurationParser.seconds("30x") == nil)
        #expect(DurationParser.seconds("m") == nil)
        #expect(DurationParser.format(.seconds(5400)) == "1h30m")
    }

    @Test("credentials are stripped from URLs and URLs normalize for matching")
    func urls() {
        #expect(RepositoryURL.stripCredentials("https://user:tok3n@github.com/o/r.git") == "https://github.com/o/r.git")
        #expect(RepositoryURL.normalize("git@github.com:Org/Repo.git") == "github.com/org/repo")
        #expect(RepositoryURL.normalize("https://x:y@github.com/org/repo/") == "github.com/org/repo")
        #expect(RepositoryURL.normalize("git+https://github.com/org/repo.git#egg=x") == "github.com/org/repo")
        #expect(RepositoryURL.repositoryName("../libs/core.git") == "core")
        #expect(RepositoryURL.isRemote("git@host:org/r") && !RepositoryURL.isRemote("../r"))
    }

    @Test("SHA-256 matches known digests")
    func sha256() {
        #expect(SHA256Hex.digest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Hex.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Hex.digest(String(repeating: "a", count: 1000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test("display names escape control characters")
    func displayNames() {
        #expect(DisplayName.quote("a\nb") == "a\\nb")
        #expect(DisplayName.quote("café $(x)") == "café $(x)")
    }

    @Test("the dependency graph finds dependents and cycles")
    func graph() {
        func repo(_ n: String, _ deps: [String]) -> ManifestRepository {
            ManifestRepository(name: n, fullName: "o/\(n)", location: n, dependencies: deps.map { RepositoryDependency(repository: $0, declaredIn: "x", via: "y") })
        }
        let g = DependencyGraph([repo("a", []), repo("b", ["a"]), repo("c", ["b"]), repo("x", ["y"]), repo("y", ["x"])])
        #expect(g.transitiveDependents(of: "a") == ["b", "c"])
        #expect(g.cycles() == [["x", "y"]])
    }
}
