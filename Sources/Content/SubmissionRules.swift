/// What the files of a submission may be called and how many there may be: plain names
/// only, so a name can never reach outside the runner's work folder. The runner reads the
/// same rule from `runner/submission-rules.json`; `SubmissionRulesTests` checks that this
/// type and that file agree.
public enum SubmissionRules {
    public static let maxFiles = 20
    public static let maxFileNameLength = 100
    /// Time a run waits for a CPU because the machine is busy does not count against its limit,
    /// up to this factor of the limit (the runner measures it, `cpu_pressure.py`, and reports
    /// it as it grows; the grader's deadline moves by what was reported, up to the same cap).
    public static let busyMachineCredit = 1.0
    /// The rule in words, for error messages.
    public static let fileNameRule =
        "letters, digits, '_', '.' and '-' only, not starting with '.' or '-', no '..', at most 100 characters, no folders"

    /// `[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}` without `..`.
    public static func isValidFileName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, bytes.count <= maxFileNameLength, first != UInt8(ascii: "."), first != UInt8(ascii: "-")
        else { return false }
        guard !name.contains("..") else { return false }
        return bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                true
            case UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"):
                true
            default:
                false
            }
        }
    }
}
