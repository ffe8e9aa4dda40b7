import Foundation
import InfinitySystem
import Testing

/// Packs written by hand for layouts git reads but rarely writes, and for broken deltas.
@Suite("GitRepositoryReader hand-made packs")
struct GitCraftedPackTests {
    private let baseText = Array((0..<40).map { "base line \($0) with some shared text\n" }.joined().utf8)

    private func hash(_ sandbox: GitSandbox, _ data: [UInt8], write: Bool = false) throws -> String {
        let output = try sandbox.gitBytes(["hash-object", "-t", "blob", "--stdin"] + (write ? ["-w"] : []), in: "repo", input: data)
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func setUp() throws -> (GitSandbox, GitRepositoryReader, String) {
        let sandbox = try GitSandbox()
        try sandbox.initRepository("repo")
        let reader = GitRepositoryReader(layout: try #require(try GitRepositoryLayout.detect(at: sandbox.path("repo"))))
        return (sandbox, reader, sandbox.path("repo/.git/objects/pack"))
    }

    private func target(_ suffix: String) -> (data: [UInt8], delta: [UInt8]) {
        let data = Array(baseText.prefix(600)) + Array(suffix.utf8)
        let delta = GitPackCrafter.delta(baseSize: baseText.count, resultSize: data.count, copy: (0, 600), insert: Array(suffix.utf8))
        return (data, delta)
    }

    // git itself only resolves a reference delta against a base in the same pack (it fixes thin
    // packs on receive), so these two compare with the content whose id `git hash-object` gave.
    @Test func referenceDeltaWithLooseBaseReadsBack() throws {
        let (sandbox, reader, packs) = try setUp()
        let baseID = try hash(sandbox, baseText, write: true)
        let (data, delta) = target("tail written by a delta\n")
        let id = try hash(sandbox, data)
        try GitPackCrafter.writePack(
            [.referenceDelta(base: GitPackCrafter.rawID(baseID), delta: delta)], ids: [GitPackCrafter.rawID(id)],
            directory: packs, name: "pack-loose-base")
        #expect(try reader.blob(id) == data)
        #expect(try hash(sandbox, try reader.blob(id)) == id)
    }

    @Test func referenceDeltaWithBaseInAnotherPackReadsBack() throws {
        let (sandbox, reader, packs) = try setUp()
        let baseID = try hash(sandbox, baseText)
        try GitPackCrafter.writePack([.full(type: 3, data: baseText)], ids: [GitPackCrafter.rawID(baseID)], directory: packs, name: "pack-a")
        let (data, delta) = target("tail from pack b\n")
        let id = try hash(sandbox, data)
        try GitPackCrafter.writePack(
            [.referenceDelta(base: GitPackCrafter.rawID(baseID), delta: delta)], ids: [GitPackCrafter.rawID(id)],
            directory: packs, name: "pack-b")
        #expect(try reader.blob(id) == data)
        #expect(try hash(sandbox, try reader.blob(id)) == id)
    }

    @Test func offsetDeltaChainInOnePackMatchesGit() throws {
        let (sandbox, reader, packs) = try setUp()
        let baseID = try hash(sandbox, baseText)
        let first = target("first\n")
        let firstID = try hash(sandbox, first.data)
        let second = first.data + Array("second\n".utf8)
        let secondDelta = GitPackCrafter.delta(
            baseSize: first.data.count, resultSize: second.count, copy: (0, first.data.count), insert: Array("second\n".utf8))
        let secondID = try hash(sandbox, second)
        try GitPackCrafter.writePack(
            [.full(type: 3, data: baseText), .offsetDelta(baseEntry: 0, delta: first.delta), .offsetDelta(baseEntry: 1, delta: secondDelta)],
            ids: [baseID, firstID, secondID].map(GitPackCrafter.rawID), directory: packs, name: "pack-chain")
        for id in [baseID, firstID, secondID] {
            #expect(try reader.blob(id) == (try sandbox.gitBytes(["cat-file", "blob", id], in: "repo")))
        }
    }

    @Test func referenceDeltaCycleStopsAtTheDepthLimit() throws {
        let (sandbox, reader, packs) = try setUp()
        let x = try hash(sandbox, Array("x".utf8)), y = try hash(sandbox, Array("y".utf8))
        let delta = GitPackCrafter.delta(baseSize: 1, resultSize: 1, copy: nil, insert: Array("z".utf8))
        try GitPackCrafter.writePack(
            [.referenceDelta(base: GitPackCrafter.rawID(y), delta: delta), .referenceDelta(base: GitPackCrafter.rawID(x), delta: delta)],
            ids: [x, y].map(GitPackCrafter.rawID), directory: packs, name: "pack-cycle")
        let error = try #require(throws: GitReadError.self) { try reader.blob(x) }
        #expect(error.code == .limitExceeded)
        #expect(error.path.hasSuffix("pack-cycle.pack"))
    }

    @Test(arguments: [
        ("copy past the end of the base", 0),
        ("base size that does not match", 1),
        ("result longer than declared", 2),
        ("reserved instruction zero", 3),
    ])
    func malformedDeltasAreCorrupt(label: String, variant: Int) throws {
        let (sandbox, reader, packs) = try setUp()
        let baseID = try hash(sandbox, baseText)
        let delta: [UInt8]
        switch variant {
        case 0: delta = GitPackCrafter.delta(baseSize: baseText.count, resultSize: 10, copy: (baseText.count - 5, 10), insert: [])
        case 1: delta = GitPackCrafter.delta(baseSize: baseText.count + 1, resultSize: 3, copy: nil, insert: Array("abc".utf8))
        case 2: delta = GitPackCrafter.delta(baseSize: baseText.count, resultSize: 2, copy: nil, insert: Array("abc".utf8))
        default: delta = GitPackCrafter.deltaSize(baseText.count) + GitPackCrafter.deltaSize(1) + [0, 65]
        }
        let id = try hash(sandbox, Array("whatever \(variant)".utf8))
        try GitPackCrafter.writePack(
            [.full(type: 3, data: baseText), .offsetDelta(baseEntry: 0, delta: delta)],
            ids: [baseID, id].map(GitPackCrafter.rawID), directory: packs, name: "pack-bad-\(variant)")
        let error = try #require(throws: GitReadError.self, "\(label)") { try reader.blob(id) }
        #expect(error.code == .corrupt, "\(label)")
        #expect(error.path.hasSuffix("pack-bad-\(variant).pack"))
        #expect(try reader.blob(baseID) == baseText)
    }

    @Test(arguments: [-1, 1])
    func looseObjectWhoseHeaderLiesAboutItsSizeIsCorrupt(sizeError: Int) throws {
        let (sandbox, reader, _) = try setUp()
        let data = Array("honest content\n".utf8)
        let id = try hash(sandbox, data)
        let relative = "repo/.git/objects/\(id.prefix(2))/\(id.dropFirst(2))"
        try sandbox.write(relative, bytes: GitPackCrafter.looseObject(type: "blob", data: data, declaredSize: data.count + sizeError))
        let error = try #require(throws: GitReadError.self) { try reader.blob(id) }
        #expect(error.code == .corrupt)
        #expect(error.path == sandbox.path(relative))
        // The same object with an honest header reads back, as git reads it.
        try sandbox.write(relative, bytes: GitPackCrafter.looseObject(type: "blob", data: data))
        #expect(try reader.blob(id) == (try sandbox.gitBytes(["cat-file", "blob", id], in: "repo")))
    }
}
