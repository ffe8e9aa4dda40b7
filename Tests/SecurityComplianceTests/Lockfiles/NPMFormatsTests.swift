import Foundation
import SecurityCompliance
import Testing

@Suite("npm, yarn and pnpm specifics beyond the shared fixtures")
struct NPMFormatsTests {
    @Test("package-lock v3 skips workspace links and keeps the linked package's own entry")
    func linksAreSkipped() {
        let text = """
            {
              "lockfileVersion": 3,
              "packages": {
                "": { "name": "root" },
                "node_modules/@me/lib": { "resolved": "packages/lib", "link": true },
                "packages/lib": { "name": "@me/lib", "version": "0.3.0" },
                "node_modules/left-pad": { "version": "1.3.0", "devOptional": true },
                "node_modules/@me/lib/node_modules/semver": { "version": "7.5.4" }
              }
            }
            """
        let (packages, diagnostics) = LockfileScanner().parse(
            contents: Array(text.utf8), path: "package-lock.json", as: .npmPackageLock)
        #expect(diagnostics.isEmpty)
        #expect(packages.map { "\($0.name)@\($0.version):\($0.line ?? 0)" } == [
            "@me/lib@0.3.0:6", "left-pad@1.3.0:7", "semver@7.5.4:8",
        ])
        #expect(packages[1].groups == ["dev", "optional"])
    }

    @Test("yarn berry: names from resolution, patch protocol, root workspace skipped")
    func yarnBerry() {
        let text = """
            __metadata:
              version: 8
              cacheKey: 10c0

            "resolve@patch:resolve@npm%3A^1.20.0#optional!builtin<compat/resolve>":
              version: 1.22.8
              resolution: "resolve@patch:resolve@npm%3A1.22.8#optional!builtin<compat/resolve>::version=1.22.8&hash=c3c19d"
              languageName: node
              linkType: hard

            "app@workspace:.":
              version: 0.0.0-use.local
              resolution: "app@workspace:."
            """
        let (packages, diagnostics) = LockfileScanner().parse(contents: Array(text.utf8), path: "yarn.lock", as: .yarnLock)
        #expect(diagnostics.isEmpty)
        #expect(packages.map { "\($0.name)@\($0.version):\($0.line ?? 0)" } == ["resolve@1.22.8:5"])
    }

    @Test("malformed yarn berry YAML gives an error with a line")
    func yarnBerryMalformed() {
        let text = "__metadata:\n  version: 8\n\"a@npm:1\":\n  version: [1.0\n"
        let (_, diagnostics) = LockfileScanner().parse(contents: Array(text.utf8), path: "yarn.lock", as: .yarnLock)
        #expect(diagnostics.first?.severity == .error)
        #expect(diagnostics.first?.line != nil)
    }

    @Test("pnpm v6 keys with scoped peer suffixes keep their name and version")
    func pnpmScopedPeers() {
        let text = """
            lockfileVersion: '6.0'
            packages:
              /@tanstack/react-query@5.0.0(@types/react@18.2.0)(react@18.2.0):
                resolution: {integrity: sha512-x}
                dev: true
              /@types/react@18.2.0:
                resolution: {integrity: sha512-y}
            """
        let (packages, diagnostics) = LockfileScanner().parse(contents: Array(text.utf8), path: "pnpm-lock.yaml", as: .pnpmLock)
        #expect(diagnostics.isEmpty)
        #expect(packages.map { "\($0.name)@\($0.version):\($0.line ?? 0):\($0.groups)" } == [
            "@tanstack/react-query@5.0.0:3:[\"dev\"]", "@types/react@18.2.0:6:[]",
        ])
    }

    @Test("pnpm v9 keys with peer suffixes drop the suffix")
    func pnpmV9Peers() {
        let text = "lockfileVersion: '9.0'\npackages:\n  '@a/b@1.2.3(react@18.0.0)':\n    resolution: {integrity: x}\n"
        let (packages, _) = LockfileScanner().parse(contents: Array(text.utf8), path: "pnpm-lock.yaml", as: .pnpmLock)
        #expect(packages.map { "\($0.name)@\($0.version)" } == ["@a/b@1.2.3"])
    }
}
