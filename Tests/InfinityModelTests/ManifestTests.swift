import Foundation
import InfinityModel
import Testing

@Suite("Manifest")
struct ManifestTests {
    func sample() -> Manifest {
        Manifest(organization: "acme", provider: .local, repositories: [
            ManifestRepository(name: "b", fullName: "acme/b", location: "/r/b", headSHA: "2", lastCommitAt: Date(timeIntervalSince1970: 1_700_000_000),
                               languages: ["Go": 3], buildSystems: ["go"], steps: [BuildStep(name: .build, run: "go build ./...", source: "detected:go")]),
            ManifestRepository(name: "a", fullName: "acme/a", location: "/r/a", headSHA: "1"),
        ])
    }

    @Test("encoding is deterministic, sorted and round-trips")
    func deterministic() throws {
        let one = try ManifestCoding.encode(sample())
        var shuffled = sample()
        shuffled.repositories.reverse()
        #expect(try ManifestCoding.encode(shuffled) == one)
        let back = try ManifestCoding.decode(one, file: "m.json")
        #expect(back == sample())
        let text = String(decoding: one, as: UTF8.self)
        #expect(text.hasSuffix("}\n"))
        #expect(text.contains("\"schema_version\" : 1"))
        #expect(text.range(of: "\"name\" : \"a\"")!.lowerBound < text.range(of: "\"name\" : \"b\"")!.lowerBound)
    }

    @Test("a newer schema version or broken JSON is a clear error")
    func decodeErrors() {
        #expect(throws: ManifestError.self) { try ManifestCoding.decode(Data("{\"schema_version\": 99}".utf8), file: "m.json") }
        do {
            _ = try ManifestCoding.decode(Data("{\"schema_version\":1,\"organization\":\"o\",\"provider\":\"local\",\"repositories\":[{\"name\":5}]}".utf8), file: "m.json")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("m.json"))
            #expect(error.description.contains("repositories[0]"))
        }
    }

    @Test("changes are added, removed, changed, reconfigured and unchanged")
    func changes() {
        let old = sample()
        var new = sample()
        new.repositories[0].headSHA = "9" // a moved
        new.repositories[1].steps = []     // b reconfigured
        new.repositories.append(ManifestRepository(name: "c", fullName: "acme/c", location: "/r/c"))
        let c = ManifestChanges(old: old, new: new)
        #expect(c.changed == ["a"] && c.reconfigured == ["b"] && c.added == ["c"] && c.removed.isEmpty && c.count == 3)
        let removed = ManifestChanges(old: new, new: old)
        #expect(removed.removed == ["c"])
        #expect(ManifestChanges(old: old, new: old).count == 0)
    }
}
