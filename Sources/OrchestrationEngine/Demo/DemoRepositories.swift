import Foundation

/// The repositories of the demo organization: small, buildable without network on a
/// machine with Swift, Python 3, a C compiler, make and a POSIX shell, and chosen so that
/// every stage has something to show.
enum DemoRepositories {
    /// One demo repository: files, and how old its commit is.
    struct Repo {
        var name: String
        var purpose: String
        var files: [String: String]
        var executables: Set<String> = []
        /// Commit date, days before now.
        var ageDays: Int = 1
        var bare = false
    }

    /// The community-health files a well-kept repository has.
    static func hygiene(_ name: String, workflow: Bool = true) -> [String: String] {
        var files: [String: String] = [
            "README.md": "# \(name)\n\nPart of the Infinity demo organization.\n",
            "LICENSE": "MIT License\n\nCopyright (c) 2026 Infinity Demo\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this software.\n",
            "SECURITY.md": "# Security\n\nReport vulnerabilities to security@demo.invalid.\n",
            ".github/CODEOWNERS": "* @demo/maintainers\n",
            ".gitignore": ".build/\n__pycache__/\n*.o\n*.a\n",
            ".github/dependabot.yml": "version: 2\nupdates:\n  - package-ecosystem: github-actions\n    directory: /\n    schedule:\n      interval: weekly\n",
        ]
        if workflow {
            files[".github/workflows/ci.yml"] = """
                name: ci
                on: [push, pull_request]
                permissions:
                  contents: read
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
                      - run: make test

                """
        }
        return files
    }

    static func all(secretLine: String) -> [Repo] {
        [
            Repo(name: "greeter-core", purpose: "SwiftPM library; greeter-app depends on it", files: hygiene("greeter-core").merging([
                "Package.swift": """
                    // swift-tools-version: 5.9
                    import PackageDescription

                    let package = Package(
                        name: "GreeterCore",
                        products: [.library(name: "GreeterCore", targets: ["GreeterCore"])],
                        targets: [
                            .target(name: "GreeterCore"),
                            .testTarget(name: "GreeterCoreTests", dependencies: ["GreeterCore"]),
                        ]
                    )

                    """,
                "Sources/GreeterCore/Greeter.swift": """
                    public struct Greeter {
                        public let name: String
                        public init(name: String) { self.name = name }
                        public func greeting() -> String { "Hello, \\(name)!" }
                    }

                    """,
                "Tests/GreeterCoreTests/GreeterTests.swift": """
                    import Testing
                    @testable import GreeterCore

                    @Test func greets() {
                        #expect(Greeter(name: "Ada").greeting() == "Hello, Ada!")
                    }

                    """,
            ]) { $1 }),
            Repo(name: "greeter-app", purpose: "SwiftPM executable depending on greeter-core", files: hygiene("greeter-app").merging([
                "Package.swift": """
                    // swift-tools-version: 5.9
                    import PackageDescription

                    let package = Package(
                        name: "GreeterApp",
                        dependencies: [.package(path: "../greeter-core")],
                        targets: [
                            .executableTarget(name: "greeter", dependencies: [.product(name: "GreeterCore", package: "greeter-core")]),
                        ]
                    )

                    """,
                "Sources/greeter/main.swift": """
                    import GreeterCore
                    print(Greeter(name: CommandLine.arguments.dropFirst().first ?? "world").greeting())

                    """,
            ]) { $1 }),
            Repo(name: "inventory-py", purpose: "healthy Python package with unittest", files: hygiene("inventory-py").merging([
                "inventory/__init__.py": "def total(items):\n    return sum(qty * price for qty, price in items)\n",
                "tests/__init__.py": "",
                "tests/test_inventory.py": "import unittest\nfrom inventory import total\n\n\nclass TotalTest(unittest.TestCase):\n    def test_total(self):\n        self.assertEqual(total([(2, 3), (1, 4)]), 10)\n\n\nif __name__ == '__main__':\n    unittest.main()\n",
            ]) { $1 }),
            Repo(name: "orders-py", purpose: "Python package with a failing test", files: hygiene("orders-py").merging([
                "orders/__init__.py": "def apply_discount(amount, percent):\n    # Bug: the discount is added instead of subtracted.\n    return amount + amount * percent / 100\n",
                "tests/__init__.py": "",
                "tests/test_orders.py": "import unittest\nfrom orders import apply_discount\n\n\nclass DiscountTest(unittest.TestCase):\n    def test_ten_percent_off(self):\n        self.assertEqual(apply_discount(200, 10), 180)\n",
            ]) { $1 }),
            Repo(name: "flaky-py", purpose: "Python package whose test fails about half the time", files: hygiene("flaky-py").merging([
                "flaky/__init__.py": "import random\n\n\ndef fetch_quote():\n    # Simulates an upstream that times out half of the time.\n    if random.random() < 0.5:\n        raise TimeoutError('upstream did not answer in time')\n    return 42\n",
                "tests/__init__.py": "",
                "tests/test_flaky.py": "import unittest\nfrom flaky import fetch_quote\n\n\nclass QuoteTest(unittest.TestCase):\n    def test_quote(self):\n        self.assertEqual(fetch_quote(), 42)\n",
            ]) { $1 }),
            Repo(name: "mathlib-c", purpose: "C library built with make", files: hygiene("mathlib-c").merging([
                "Makefile": "CC ?= cc\nCFLAGS ?= -O2 -Wall\n\nall: libmathlib.a\n\nlibmathlib.a: mathlib.o\n\tar rcs $@ $^\n\nmathlib.o: mathlib.c mathlib.h\n\t$(CC) $(CFLAGS) -c mathlib.c\n\ntest: libmathlib.a test_mathlib.c\n\t$(CC) $(CFLAGS) -o test_mathlib test_mathlib.c libmathlib.a\n\t./test_mathlib\n\nclean:\n\trm -f *.o *.a test_mathlib\n\n.PHONY: all test clean\n",
                "mathlib.h": "#ifndef MATHLIB_H\n#define MATHLIB_H\nint gcd(int a, int b);\n#endif\n",
                "mathlib.c": "#include \"mathlib.h\"\nint gcd(int a, int b) { while (b) { int t = a % b; a = b; b = t; } return a < 0 ? -a : a; }\n",
                "test_mathlib.c": "#include <stdio.h>\n#include \"mathlib.h\"\nint main(void) {\n    if (gcd(12, 18) != 6) { fprintf(stderr, \"gcd(12, 18) != 6\\n\"); return 1; }\n    puts(\"ok\");\n    return 0;\n}\n",
            ]) { $1 }),
            Repo(name: "cache-demo", purpose: "shell build that fails on a corrupted cache until the cache is cleared", files: hygiene("cache-demo").merging([
                "build.sh": """
                    #!/bin/sh
                    # Builds an artifact, reusing a cached intermediate when one exists.
                    set -eu
                    cache="${INFINITY_CACHE_DIR:-.cache}/cache-demo/intermediate.bin"
                    if [ -f "$cache" ]; then
                        expected=$(cat "$cache.sha256" 2>/dev/null || echo missing)
                        actual=$(sha256sum "$cache" | cut -d' ' -f1)
                        if [ "$expected" != "$actual" ]; then
                            echo "error: cache corrupted: checksum mismatch for $cache (expected $expected, got $actual)" >&2
                            exit 1
                        fi
                    else
                        mkdir -p "$(dirname "$cache")"
                        echo "intermediate build product" > "$cache"
                        sha256sum "$cache" | cut -d' ' -f1 > "$cache.sha256"
                    fi
                    cp "$cache" artifact.bin
                    echo "built artifact.bin"

                    """,
                "test.sh": "#!/bin/sh\nset -eu\ntest -s artifact.bin && echo 'artifact ok'\n",
            ]) { $1 }, executables: ["build.sh", "test.sh"]),
            Repo(name: "leaky-config", purpose: "service config with a leaked (fake) credential and a risky workflow", files: hygiene("leaky-config").merging([
                "config/settings.env": "APP_ENV=production\nLOG_LEVEL=info\n\(secretLine)\n",
                ".github/workflows/ci.yml": riskyWorkflow,
                "test.sh": "#!/bin/sh\nset -eu\ngrep -q APP_ENV config/settings.env && echo 'config ok'\n",
            ]) { $1 }, executables: ["test.sh"]),
            Repo(name: "vuln-deps", purpose: "Python service pinning a known-vulnerable urllib3", files: hygiene("vuln-deps").merging([
                "requirements.txt": "urllib3==1.26.4\ncertifi==2023.7.22\n",
                ".infinity.yml": "# Dependencies are vendored in production images; nothing to install here.\nsetup: \"\"\ninstall: \"\"\nbuild: python3 -m compileall -q app\ntest: python3 -m unittest discover -s tests -t .\n",
                "app/__init__.py": "VERSION = '1.0.0'\n",
                "tests/__init__.py": "",
                "tests/test_app.py": "import unittest\nimport app\n\n\nclass VersionTest(unittest.TestCase):\n    def test_version(self):\n        self.assertTrue(app.VERSION)\n",
            ]) { $1 }),
            Repo(name: "legacy-tool", purpose: "stale repository: last commit two years ago, few hygiene files", files: [
                "README.md": "# legacy-tool\n\nNobody has touched this in a while.\n",
                "Makefile": "all:\n\t@echo building legacy-tool\n\ntest:\n\t@echo legacy tests pass\n\n.PHONY: all test\n",
            ], ageDays: 730),
            Repo(name: "shell-utils", purpose: "healthy shell scripts with a test", files: hygiene("shell-utils").merging([
                "bin/slugify": "#!/bin/sh\nprintf '%s\\n' \"$*\" | tr '[:upper:]' '[:lower:]' | tr -cs 'a-z0-9' '-' | sed 's/^-//; s/-$//'\n",
                "test.sh": "#!/bin/sh\nset -eu\nout=$(sh bin/slugify 'Hello World')\n[ \"$out\" = hello-world ] && echo 'slugify ok'\n",
            ]) { $1 }, executables: ["bin/slugify", "test.sh"]),
        ]
    }

    /// A workflow with what the health checks flag: a write-all token, the pull request's head
    /// checked out under `pull_request_target`, an event field interpolated into a script, and
    /// actions referenced by movable tags.
    static let riskyWorkflow = """
        name: preview
        on: pull_request_target
        permissions: write-all
        jobs:
          preview:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
                with:
                  ref: ${{ github.event.pull_request.head.sha }}
              - uses: some-org/deploy-preview@main
              - run: echo "Previewing ${{ github.event.pull_request.title }}"

        """

    /// A tiny OSV advisory for the vulnerable pin in `vuln-deps` (the real GHSA record, abridged).
    static let advisory = """
        {
          "schema_version": "1.6.0",
          "id": "GHSA-q2q7-5pp4-w6pg",
          "modified": "2024-01-01T00:00:00Z",
          "published": "2021-06-01T00:00:00Z",
          "aliases": ["CVE-2021-33503"],
          "summary": "Catastrophic backtracking in urllib3's URL authority parser",
          "details": "When provided with a URL containing many @ characters in the authority component, the authority regular expression exhibits catastrophic backtracking, causing a denial of service.",
          "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"}],
          "affected": [{
            "package": {"ecosystem": "PyPI", "name": "urllib3", "purl": "pkg:pypi/urllib3"},
            "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "1.25.4"}, {"fixed": "1.26.5"}]}]
          }],
          "references": [{"type": "ADVISORY", "url": "https://nvd.nist.gov/vuln/detail/CVE-2021-33503"}]
        }

        """
}
