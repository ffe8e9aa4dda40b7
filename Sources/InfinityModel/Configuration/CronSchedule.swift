import Foundation

/// A five-field cron expression (`minute hour day-of-month month day-of-week`), as used by
/// GitHub Actions `schedule:` triggers. Fields accept `*`, numbers, ranges `a-b`, lists
/// `a,b`, steps `*/n` and `a-b/n`; day-of-week 0–7 with 0 and 7 both Sunday.
public struct CronSchedule: Sendable, Hashable, CustomStringConvertible {
    public let expression: String
    public let minutes: Set<Int>
    public let hours: Set<Int>
    public let daysOfMonth: Set<Int>
    public let months: Set<Int>
    public let daysOfWeek: Set<Int>
    let dayOfMonthIsWildcard: Bool
    let dayOfWeekIsWildcard: Bool

    public var description: String { expression }

    /// Parses `expression`; the error string says which field is wrong and why.
    public init(_ expression: String) throws(CronSchedule.ParseError) {
        let fields = expression.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count == 5 else {
            throw ParseError(message: "a cron expression has 5 fields (minute hour day-of-month month day-of-week), `\(expression)` has \(fields.count)")
        }
        self.expression = fields.joined(separator: " ")
        minutes = try Self.field(fields[0], name: "minute", range: 0...59)
        hours = try Self.field(fields[1], name: "hour", range: 0...23)
        daysOfMonth = try Self.field(fields[2], name: "day-of-month", range: 1...31)
        months = try Self.field(fields[3], name: "month", range: 1...12)
        let dow = try Self.field(fields[4], name: "day-of-week", range: 0...7)
        daysOfWeek = Set(dow.map { $0 == 7 ? 0 : $0 })
        dayOfMonthIsWildcard = fields[2] == "*"
        dayOfWeekIsWildcard = fields[4] == "*"
    }

    /// `0 0 * * *`, built without parsing.
    public static let midnight = CronSchedule(
        expression: "0 0 * * *", minutes: [0], hours: [0], daysOfMonth: Set(1...31), months: Set(1...12),
        daysOfWeek: Set(0...6), dayOfMonthIsWildcard: true, dayOfWeekIsWildcard: true
    )

    private init(expression: String, minutes: Set<Int>, hours: Set<Int>, daysOfMonth: Set<Int>, months: Set<Int>,
                 daysOfWeek: Set<Int>, dayOfMonthIsWildcard: Bool, dayOfWeekIsWildcard: Bool) {
        self.expression = expression
        self.minutes = minutes
        self.hours = hours
        self.daysOfMonth = daysOfMonth
        self.months = months
        self.daysOfWeek = daysOfWeek
        self.dayOfMonthIsWildcard = dayOfMonthIsWildcard
        self.dayOfWeekIsWildcard = dayOfWeekIsWildcard
    }

    /// Why an expression was refused.
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    private static func field(_ text: String, name: String, range: ClosedRange<Int>) throws(ParseError) -> Set<Int> {
        var out = Set<Int>()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            var base = Substring(part)
            var step = 1
            if let slash = part.firstIndex(of: "/") {
                base = part[..<slash]
                guard let s = Int(part[part.index(after: slash)...]), s > 0 else {
                    throw ParseError(message: "\(name) field `\(text)`: the step after `/` must be a positive number")
                }
                step = s
            }
            let lo: Int, hi: Int
            if base == "*" {
                lo = range.lowerBound; hi = range.upperBound
            } else if let dash = base.firstIndex(of: "-") {
                guard let a = Int(base[..<dash]), let b = Int(base[base.index(after: dash)...]), a <= b else {
                    throw ParseError(message: "\(name) field `\(text)`: `\(base)` is not a range like 1-5")
                }
                lo = a; hi = b
            } else {
                guard let a = Int(base) else {
                    throw ParseError(message: "\(name) field `\(text)`: `\(base)` is not a number")
                }
                lo = a; hi = step > 1 ? range.upperBound : a
            }
            guard range.contains(lo), range.contains(hi) else {
                throw ParseError(message: "\(name) field `\(text)`: values must be within \(range.lowerBound)-\(range.upperBound)")
            }
            for v in stride(from: lo, through: hi, by: step) { out.insert(v) }
        }
        return out
    }

    /// Whether the schedule fires at the minute containing `date` (UTC, as GitHub Actions does).
    public func matches(_ date: Date, calendar: Calendar = .utc) -> Bool {
        let c = calendar.dateComponents([.minute, .hour, .day, .month, .weekday], from: date)
        guard let minute = c.minute, let hour = c.hour, let day = c.day, let month = c.month, let weekday = c.weekday else { return false }
        guard minutes.contains(minute), hours.contains(hour), months.contains(month) else { return false }
        let domOK = daysOfMonth.contains(day)
        let dowOK = daysOfWeek.contains(weekday - 1)
        // Classic cron: when both day fields are restricted, either may match.
        if !dayOfMonthIsWildcard && !dayOfWeekIsWildcard { return domOK || dowOK }
        return domOK && dowOK
    }

    /// The first minute strictly after `date` at which the schedule fires (searching up to ~4 years).
    public func next(after date: Date, calendar: Calendar = .utc) -> Date? {
        let start = floor(date.timeIntervalSince1970 / 60) * 60 + 60
        var t = start
        let limit = start + 4 * 366 * 86_400
        while t < limit {
            let d = Date(timeIntervalSince1970: t)
            let c = calendar.dateComponents([.minute, .hour, .month], from: d)
            if let m = c.month, !months.contains(m) { t = floor(t / 3600) * 3600 + 3600; continue }
            if let h = c.hour, !hours.contains(h) { t = floor(t / 3600) * 3600 + 3600; continue }
            if matches(d, calendar: calendar) { return d }
            t += 60
        }
        return nil
    }
}

extension Calendar {
    /// A Gregorian calendar in UTC.
    public static var utc: Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        return c
    }
}
