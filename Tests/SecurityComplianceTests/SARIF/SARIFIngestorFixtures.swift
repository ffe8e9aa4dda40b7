/// Hand-written SARIF documents shaped like real tool output (structure and member names
/// follow what CodeQL 2.x, Trivy and Semgrep emit; the contents are invented).
enum SARIFIngestorFixtures {
    /// CodeQL: rules live in `tool.extensions`; results refer to them through
    /// `rule.toolComponent.index`; artifacts, code flows, related locations, notifications
    /// and metric properties that ingestion must ignore.
    static let codeQL = #"""
    {
      "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
      "version": "2.1.0",
      "runs": [{
        "tool": {
          "driver": {
            "name": "CodeQL",
            "organization": "GitHub",
            "semanticVersion": "2.19.3",
            "notifications": [{
              "id": "js/diagnostics/successfully-extracted-files",
              "name": "js/diagnostics/successfully-extracted-files",
              "shortDescription": {"text": "Extracted files"},
              "fullDescription": {"text": "Lists all files in the source code directory that were extracted."},
              "defaultConfiguration": {"enabled": true},
              "properties": {"tags": ["successfully-extracted-files"], "description": "Lists all files.", "id": "js/diagnostics/successfully-extracted-files", "kind": "diagnostic", "name": "Extracted files"}
            }],
            "rules": []
          },
          "extensions": [{
            "name": "codeql/javascript-queries",
            "semanticVersion": "1.2.3+abcdef",
            "locations": [{"uri": "file:///home/runner/.codeql/packages/codeql/javascript-queries/1.2.3/", "description": {"text": "The QL pack root directory."}}],
            "rules": [
              {
                "id": "js/unused-local-variable",
                "name": "js/unused-local-variable",
                "shortDescription": {"text": "Unused variable, import, function or class"},
                "fullDescription": {"text": "Unused variables, imports, functions or classes may be a symptom of a bug and should be examined carefully."},
                "defaultConfiguration": {"enabled": true, "level": "note"},
                "properties": {"tags": ["maintainability"], "kind": "problem", "precision": "very-high", "problem.severity": "recommendation"}
              },
              {
                "id": "js/sql-injection",
                "name": "js/sql-injection",
                "shortDescription": {"text": "Database query built from user-controlled sources"},
                "fullDescription": {"text": "Building a database query from user-controlled sources is vulnerable to insertion of malicious code by the user."},
                "defaultConfiguration": {"enabled": true, "level": "error"},
                "help": {"text": "# Database query built from user-controlled sources\nUse prepared statements.", "markdown": "# Database query built from user-controlled sources\nUse prepared statements."},
                "helpUri": "https://codeql.github.com/codeql-query-help/javascript/js-sql-injection/",
                "properties": {"tags": ["security", "external/cwe/cwe-089"], "kind": "path-problem", "precision": "high", "security-severity": "8.8", "sub-severity": "high"}
              },
              {
                "id": "js/log-injection",
                "name": "js/log-injection",
                "shortDescription": {"text": "Log injection"},
                "fullDescription": {"text": "Building log entries from user-controlled sources is vulnerable to insertion of forged log entries by a malicious user."},
                "defaultConfiguration": {"enabled": true, "level": "error"},
                "properties": {"tags": ["security", "external/cwe/cwe-117"], "kind": "path-problem", "precision": "medium", "security-severity": 7.8}
              },
              {
                "id": "js/missing-rate-limiting",
                "name": "js/missing-rate-limiting",
                "shortDescription": {"text": "Missing rate limiting"},
                "defaultConfiguration": {"enabled": true, "level": "warning"},
                "messageStrings": {"default": {"text": "This route handler performs {0}, but is not rate-limited ({{see docs}})."}},
                "properties": {"tags": ["security"], "kind": "problem", "precision": "high"}
              }
            ]
          }]
        },
        "invocations": [{"toolExecutionNotifications": [], "executionSuccessful": true}],
        "artifacts": [
          {"location": {"uri": "src/db.js", "uriBaseId": "%SRCROOT%", "index": 0}},
          {"location": {"uri": "src/server%20main.js", "uriBaseId": "%SRCROOT%", "index": 1}}
        ],
        "results": [
          {
            "ruleId": "js/sql-injection",
            "rule": {"id": "js/sql-injection", "index": 1, "toolComponent": {"index": 0}},
            "message": {"text": "This query string depends on a [user-provided value](1)."},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/db.js", "uriBaseId": "%SRCROOT%", "index": 0}, "region": {"startLine": 12, "startColumn": 20, "endColumn": 45}}}],
            "partialFingerprints": {"primaryLocationLineHash": "4d1a5b2c9e7f3a10:1", "primaryLocationStartColumnFingerprint": "15"},
            "codeFlows": [{"threadFlows": [{"locations": [{"location": {"physicalLocation": {"artifactLocation": {"uri": "src/server%20main.js", "uriBaseId": "%SRCROOT%", "index": 1}, "region": {"startLine": 5, "startColumn": 17, "endColumn": 26}}, "message": {"text": "req.query"}}}]}]}],
            "relatedLocations": [{"id": 1, "physicalLocation": {"artifactLocation": {"uri": "src/server%20main.js", "uriBaseId": "%SRCROOT%", "index": 1}, "region": {"startLine": 5, "startColumn": 17, "endColumn": 26}}, "message": {"text": "user-provided value"}}]
          },
          {
            "ruleId": "js/log-injection",
            "rule": {"id": "js/log-injection", "index": 2, "toolComponent": {"index": 0}},
            "message": {"text": "Log entry depends on a [user-provided value](1)."},
            "locations": [{"physicalLocation": {"artifactLocation": {"index": 1}, "region": {"startLine": 30, "startColumn": 5, "endLine": 31, "endColumn": 8}}}],
            "partialFingerprints": {"primaryLocationLineHash": "77aa00ff11bb22cc:2"}
          },
          {
            "ruleId": "js/unused-local-variable",
            "rule": {"id": "js/unused-local-variable", "index": 0, "toolComponent": {"index": 0}},
            "message": {"text": "Unused variable tmp."},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/db.js", "uriBaseId": "%SRCROOT%", "index": 0}, "region": {"startLine": 3, "startColumn": 7, "endColumn": 10}}}],
            "partialFingerprints": {"primaryLocationLineHash": "1234abcd5678ef90:1"}
          },
          {
            "ruleId": "js/missing-rate-limiting",
            "rule": {"id": "js/missing-rate-limiting", "index": 3, "toolComponent": {"index": 0}},
            "level": "error",
            "message": {"id": "default", "arguments": ["a file system access"]},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/server%20main.js", "uriBaseId": "%SRCROOT%", "index": 1}, "region": {"startLine": 40}}}]
          },
          {
            "ruleId": "js/unused-local-variable",
            "rule": {"id": "js/unused-local-variable", "index": 0, "toolComponent": {"index": 0}},
            "message": {"text": "Unused variable old (suppressed in source)."},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/db.js", "uriBaseId": "%SRCROOT%", "index": 0}, "region": {"startLine": 50}}}],
            "suppressions": [{"kind": "inSource"}]
          }
        ],
        "automationDetails": {"id": "/language:javascript-typescript/"},
        "columnKind": "utf16CodeUnits",
        "properties": {"semmle.formatSpecifier": "sarif-latest", "metricResults": [{"rule": {"id": "js/summary/lines-of-code", "index": 0, "toolComponent": {"index": 0}}, "ruleId": "js/summary/lines-of-code", "value": 1234}]}
      }]
    }
    """#

    /// Trivy (`trivy fs --format sarif`): rules carry `security-severity` as a string and a
    /// `ROOTPATH` base; locations carry messages; run properties name the target.
    static let trivy = #"""
    {
      "version": "2.1.0",
      "$schema": "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/main/sarif-2.1/schema/sarif-schema-2.1.0.json",
      "runs": [{
        "tool": {
          "driver": {
            "fullName": "Trivy Vulnerability Scanner",
            "informationUri": "https://github.com/aquasecurity/trivy",
            "name": "Trivy",
            "rules": [
              {
                "id": "CVE-2022-40897",
                "name": "LanguageSpecificPackageVulnerability",
                "shortDescription": {"text": "pypa-setuptools: Regular Expression Denial of Service (ReDoS) in package_index.py"},
                "fullDescription": {"text": "Python Packaging Authority (PyPA) setuptools before 65.5.1 allows remote attackers to cause a denial of service via HTML in a crafted package or custom PackageIndex page."},
                "defaultConfiguration": {"level": "warning"},
                "helpUri": "https://avd.aquasec.com/nvd/cve-2022-40897",
                "help": {"text": "Vulnerability CVE-2022-40897\nSeverity: MEDIUM\nPackage: setuptools\nFixed Version: 65.5.1", "markdown": "**Vulnerability CVE-2022-40897**\n| Severity | Package | Fixed Version |\n|---|---|---|\n|MEDIUM|setuptools|65.5.1|"},
                "properties": {"precision": "very-high", "security-severity": "5.9", "tags": ["vulnerability", "security", "MEDIUM"]}
              },
              {
                "id": "CVE-2023-37920",
                "name": "LanguageSpecificPackageVulnerability",
                "shortDescription": {"text": "python-certifi: Removal of e-Tugra root certificate"},
                "fullDescription": {"text": "Certifi prior to version 2023.07.22 recognizes e-Tugra root certificates."},
                "defaultConfiguration": {"level": "error"},
                "helpUri": "https://avd.aquasec.com/nvd/cve-2023-37920",
                "help": {"text": "Vulnerability CVE-2023-37920\nSeverity: CRITICAL", "markdown": "**Vulnerability CVE-2023-37920**"},
                "properties": {"precision": "very-high", "security-severity": "9.8", "tags": ["vulnerability", "security", "CRITICAL"]}
              },
              {
                "id": "CVE-2024-0001",
                "name": "OsPackageVulnerability",
                "shortDescription": {"text": "openssl: an old problem"},
                "defaultConfiguration": {"level": "note"},
                "helpUri": "https://avd.aquasec.com/nvd/cve-2024-0001",
                "properties": {"precision": "very-high", "security-severity": "0.0", "tags": ["vulnerability", "security", "UNKNOWN"]}
              }
            ],
            "version": "0.56.2"
          }
        },
        "results": [
          {
            "ruleId": "CVE-2022-40897",
            "ruleIndex": 0,
            "level": "warning",
            "message": {"text": "Package: setuptools\nInstalled Version: 58.1.0\nVulnerability CVE-2022-40897\nSeverity: MEDIUM\nFixed Version: 65.5.1\nLink: [CVE-2022-40897](https://avd.aquasec.com/nvd/cve-2022-40897)"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "requirements.txt", "uriBaseId": "ROOTPATH"}, "region": {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1}}, "message": {"text": "requirements.txt: setuptools@58.1.0"}}]
          },
          {
            "ruleId": "CVE-2023-37920",
            "ruleIndex": 1,
            "level": "error",
            "message": {"text": "Package: certifi\nInstalled Version: 2022.12.7\nVulnerability CVE-2023-37920\nSeverity: CRITICAL\nFixed Version: 2023.7.22"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "requirements.txt", "uriBaseId": "ROOTPATH"}, "region": {"startLine": 4, "startColumn": 1, "endLine": 4, "endColumn": 1}}, "message": {"text": "requirements.txt: certifi@2022.12.7"}}]
          },
          {
            "ruleId": "CVE-2024-0001",
            "ruleIndex": 2,
            "level": "note",
            "message": {"text": "Package: openssl\nSeverity: UNKNOWN"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "file:///scan/root/usr/lib/libssl.so.3", "uriBaseId": "ROOTPATH"}, "region": {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1}}}]
          }
        ],
        "columnKind": "utf16CodeUnits",
        "originalUriBaseIds": {"ROOTPATH": {"uri": "file:///scan/root/"}},
        "properties": {"imageName": "", "repoDigests": [], "repoTags": []}
      }]
    }
    """#

    /// Semgrep: results carry `fingerprints` and their own `level`; rule ids are dotted.
    static let semgrep = #"""
    {
      "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json",
      "version": "2.1.0",
      "runs": [{
        "invocations": [{"executionSuccessful": true, "toolExecutionNotifications": []}],
        "results": [
          {
            "fingerprints": {"matchBasedId/v1": "a3f1c2b4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80_0"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "app/views.py", "uriBaseId": "%SRCROOT%"}, "region": {"endColumn": 52, "endLine": 18, "snippet": {"text": "    return HttpResponse(request.GET.get('name'))"}, "startColumn": 12, "startLine": 18}}}],
            "message": {"text": "Detected user input flowing into an HttpResponse. This could be a cross-site scripting vulnerability."},
            "properties": {},
            "ruleId": "python.django.security.injection.reflected-data-httpresponse.reflected-data-httpresponse"
          }
        ],
        "tool": {
          "driver": {
            "name": "Semgrep OSS",
            "semanticVersion": "1.85.0",
            "rules": [{
              "defaultConfiguration": {"level": "error"},
              "fullDescription": {"text": "Found user-controlled request data passed into HttpResponse."},
              "help": {"markdown": "Found user-controlled request data passed into HttpResponse.", "text": "Found user-controlled request data passed into HttpResponse."},
              "helpUri": "https://semgrep.dev/r/python.django.security.injection.reflected-data-httpresponse.reflected-data-httpresponse",
              "id": "python.django.security.injection.reflected-data-httpresponse.reflected-data-httpresponse",
              "name": "python.django.security.injection.reflected-data-httpresponse.reflected-data-httpresponse",
              "properties": {"precision": "very-high", "tags": ["CWE-79: Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')", "HIGH CONFIDENCE", "OWASP-A03:2021 - Injection", "security"]},
              "shortDescription": {"text": "Semgrep Finding: python.django.security.injection.reflected-data-httpresponse.reflected-data-httpresponse"}
            }]
          }
        }
      }]
    }
    """#
}
