import Foundation
import InfinityModel

/// Turns a repository name into one safe path component for the run and work-tree folders.
/// Ordinary names (spaces, quotes, `$(…)`, non-ASCII included) are kept as they are — they are
/// only ever passed as paths, never as shell text. Only what cannot be a single component is
/// escaped: `/`, NUL, `%`, the names `.` and `..`, and names too long for the file system.
public enum PathComponent {
    public static func safe(_ name: String) -> String {
        var out = ""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "/": out += "%2F"
            case "\0": out += "%00"
            case "%": out += "%25"
            default: out.unicodeScalars.append(scalar)
            }
        }
        if out.isEmpty || out == "." || out == ".." { out = "%" + out }
        if out.utf8.count > 200 {
            let digest = SHA256Hex.digest(name).prefix(16)
            var prefix = ""
            for ch in out {
                if prefix.utf8.count + String(ch).utf8.count > 150 { break }
                prefix.append(ch)
            }
            out = prefix + "~" + digest
        }
        return out
    }
}
