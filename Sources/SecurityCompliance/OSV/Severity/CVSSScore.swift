import Foundation

/// CVSS base scores computed from vector strings.
///
/// - v3.0 and v3.1: the v3.1 specification's base score formula, with its `Roundup`.
/// - v2: the v2 base equation.
/// - v4: **an approximation**, not the v4 macro-vector lookup: the v4 base metrics are mapped
///   onto v3.1 ones (`AV` as is; `AC:H` or `AT:P` → `AC:H`; `PR` as is; `UI:P`/`UI:A` →
///   `UI:R`; `VC/VI/VA` → `C/I/A`; scope changed when a subsequent-system impact
///   `SC/SI/SA` is `H`, raising C/I/A to it) and scored with the v3.1 formula. Prefer a
///   database's own severity word when it has one (see ``SeverityResolver``).
public enum CVSSScore {
    /// The base score of a `CVSS:3.x/…` vector, or `nil` when a base metric is missing or invalid.
    public static func v3BaseScore(_ vector: String) -> Double? {
        let metrics = parse(vector)
        guard let av = metrics["AV"].flatMap(attackVector), let ac = metrics["AC"].flatMap(attackComplexity),
              let scope = metrics["S"], scope == "U" || scope == "C",
              let pr = metrics["PR"].flatMap({ privilegesRequired($0, scopeChanged: scope == "C") }),
              let ui = metrics["UI"].flatMap(userInteraction),
              let c = metrics["C"].flatMap(impact), let i = metrics["I"].flatMap(impact),
              let a = metrics["A"].flatMap(impact)
        else { return nil }
        return v3Score(av: av, ac: ac, pr: pr, ui: ui, scopeChanged: scope == "C", c: c, i: i, a: a)
    }

    /// The base score of a CVSS v2 vector (`AV:N/AC:L/Au:N/C:P/I:P/A:P`), or `nil` when invalid.
    public static func v2BaseScore(_ vector: String) -> Double? {
        let metrics = parse(vector)
        func accessVector(_ value: Substring) -> Double? {
            switch value { case "L": 0.395; case "A": 0.646; case "N": 1.0; default: nil }
        }
        func accessComplexity(_ value: Substring) -> Double? {
            switch value { case "H": 0.35; case "M": 0.61; case "L": 0.71; default: nil }
        }
        func authentication(_ value: Substring) -> Double? {
            switch value { case "M": 0.45; case "S": 0.56; case "N": 0.704; default: nil }
        }
        func impactWeight(_ value: Substring) -> Double? {
            switch value { case "N": 0.0; case "P": 0.275; case "C": 0.660; default: nil }
        }
        guard let av = metrics["AV"].flatMap(accessVector), let ac = metrics["AC"].flatMap(accessComplexity),
              let au = metrics["Au"].flatMap(authentication), let c = metrics["C"].flatMap(impactWeight),
              let i = metrics["I"].flatMap(impactWeight), let a = metrics["A"].flatMap(impactWeight)
        else { return nil }
        let impactScore = 10.41 * (1 - (1 - c) * (1 - i) * (1 - a))
        let exploitability = 20 * av * ac * au
        let factor = impactScore == 0 ? 0 : 1.176
        let score = ((0.6 * impactScore) + (0.4 * exploitability) - 1.5) * factor
        return (max(0, score) * 10).rounded() / 10
    }

    /// An approximate base score for a `CVSS:4.0/…` vector (see the type's documentation), or `nil`.
    public static func v4ApproximateScore(_ vector: String) -> Double? {
        let metrics = parse(vector)
        guard let av = metrics["AV"].flatMap(attackVector), let acValue = metrics["AC"],
              let atValue = metrics["AT"], let prValue = metrics["PR"], let uiValue = metrics["UI"],
              var c = metrics["VC"].flatMap(impact), var i = metrics["VI"].flatMap(impact),
              var a = metrics["VA"].flatMap(impact),
              let sc = metrics["SC"].flatMap(impact), let si = metrics["SI"].flatMap(impact),
              let sa = metrics["SA"].flatMap(impact)
        else { return nil }
        guard acValue == "L" || acValue == "H", atValue == "N" || atValue == "P",
              uiValue == "N" || uiValue == "P" || uiValue == "A"
        else { return nil }
        let high = 0.56
        let scopeChanged = sc == high || si == high || sa == high
        if scopeChanged {
            c = max(c, sc)
            i = max(i, si)
            a = max(a, sa)
        }
        let ac = (acValue == "H" || atValue == "P") ? 0.44 : 0.77
        guard let pr = privilegesRequired(prValue, scopeChanged: scopeChanged) else { return nil }
        let ui = uiValue == "N" ? 0.85 : 0.62
        return v3Score(av: av, ac: ac, pr: pr, ui: ui, scopeChanged: scopeChanged, c: c, i: i, a: a)
    }

    private static func v3Score(
        av: Double, ac: Double, pr: Double, ui: Double, scopeChanged: Bool, c: Double, i: Double, a: Double
    ) -> Double {
        let iss = 1 - (1 - c) * (1 - i) * (1 - a)
        let impactScore = scopeChanged ? 7.52 * (iss - 0.029) - 3.25 * pow(iss - 0.02, 15) : 6.42 * iss
        let exploitability = 8.22 * av * ac * pr * ui
        guard impactScore > 0 else { return 0 }
        let raw = scopeChanged ? min(1.08 * (impactScore + exploitability), 10) : min(impactScore + exploitability, 10)
        return roundUp(raw)
    }

    /// CVSS v3.1 `Roundup`: the smallest one-decimal number ≥ the input, robust to floating-point noise.
    static func roundUp(_ value: Double) -> Double {
        let scaled = Int((value * 100_000).rounded())
        if scaled % 10_000 == 0 { return Double(scaled) / 100_000 }
        return (Double(scaled / 10_000) + 1) / 10
    }

    /// The `K:V` metrics of a vector, looked up by key; the `CVSS:x.y` prefix is skipped.
    private struct Metrics {
        var pairs: [(key: Substring, value: Substring)] = []

        subscript(key: String) -> Substring? {
            pairs.last { $0.key == key }?.value
        }
    }

    private static func parse(_ vector: String) -> Metrics {
        var metrics = Metrics()
        for part in vector.split(separator: "/") {
            guard let colon = part.firstIndex(of: ":") else { continue }
            let key = part[..<colon].trimmingPrefix(" ")
            guard key != "CVSS" else { continue }
            var value = part[part.index(after: colon)...]
            while value.last == " " || value.last == "\n" { value = value.dropLast() }
            metrics.pairs.append((Substring(key), value))
        }
        return metrics
    }

    private static func attackVector(_ value: Substring) -> Double? {
        switch value { case "N": 0.85; case "A": 0.62; case "L": 0.55; case "P": 0.2; default: nil }
    }

    private static func attackComplexity(_ value: Substring) -> Double? {
        switch value { case "L": 0.77; case "H": 0.44; default: nil }
    }

    private static func privilegesRequired(_ value: Substring, scopeChanged: Bool) -> Double? {
        switch value {
        case "N": return 0.85
        case "L": return scopeChanged ? 0.68 : 0.62
        case "H": return scopeChanged ? 0.5 : 0.27
        default: return nil
        }
    }

    private static func userInteraction(_ value: Substring) -> Double? {
        switch value { case "N": 0.85; case "R": 0.62; default: nil }
    }

    private static func impact(_ value: Substring) -> Double? {
        switch value { case "H": 0.56; case "L": 0.22; case "N": 0.0; default: nil }
    }
}
