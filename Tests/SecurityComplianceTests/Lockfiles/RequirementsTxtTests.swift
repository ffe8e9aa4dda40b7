import Foundation
import SecurityCompliance
import Testing

@Suite("requirements.txt includes")
struct RequirementsTxtTests {
    @Test("-r cycles end: every file is read once and each package reported once")
    func includeCyclesTerminate() throws {
        try withTemporaryFolder { folder in
            let main = try folder.write("requirements.txt", "-r sub/dev-requirements.txt\nflask==2.0.1\n-r requirements.txt\n")
            try folder.write("sub/dev-requirements.txt", "pytest==7.0.0\n-r ../requirements.txt\n-r ./more.txt\n")
            try folder.write("sub/more.txt", "--requirement=dev-requirements.txt\nblack==23.1.0\n")
            let (packages, diagnostics) = LockfileScanner().parse(fileAt: main)
            #expect(diagnostics.isEmpty)
            #expect(packages.map { "\($0.name)@\($0.version)" } == ["flask@2.0.1", "pytest@7.0.0", "black@23.1.0"])
            // Included packages are reported at the include line of the file that pulled them in.
            #expect(packages[1].file == main && packages[1].line == 1)
            #expect(packages[2].file.hasSuffix("sub/dev-requirements.txt") && packages[2].line == 3)
        }
    }

    @Test("a missing include is a warning at the -r line and the rest is still read")
    func missingInclude() throws {
        try withTemporaryFolder { folder in
            let main = try folder.write("requirements.txt", "requests==2.31.0\n-r nowhere.txt\n")
            let (packages, diagnostics) = LockfileScanner().parse(fileAt: main)
            #expect(packages.map(\.name) == ["requests"])
            #expect(diagnostics.map(\.severity) == [.warning])
            #expect(diagnostics.first?.line == 2)
        }
    }

    @Test("extras, markers, hashes and continuations are stripped from pinned requirements")
    func requirementSyntax() {
        let text = """
            # comment
            Django[argon2]==4.2.7 ; python_version >= "3.8" \\
                --hash=sha256:abc
            numpy===1.26.0  # inline comment
            git+https://github.com/psf/requests.git#egg=requests
            """
        let (packages, _) = LockfileScanner().parse(contents: Array(text.utf8), path: "requirements.txt", as: .requirementsTxt)
        #expect(packages.map { "\($0.name)@\($0.version):\($0.line ?? 0)" } == ["Django@4.2.7:2", "numpy@1.26.0:4"])
    }
}
