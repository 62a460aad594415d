/// A step folder name such as `02-ping`: its number and its slug.
public struct StepFolderName: Sendable, Equatable {
    public var number: Int
    public var slug: String

    public init?(_ name: String) {
        guard let dash = name.firstIndex(of: "-") else { return nil }
        let digits = name[..<dash]
        let slug = String(name[name.index(after: dash)...])
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
            let number = Int(digits), Slug.isValid(slug)
        else { return nil }
        self.number = number
        self.slug = slug
    }
}
