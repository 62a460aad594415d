import HTTPTypes

extension HTTPField.Name {
    static let forwardedFor = Self("X-Forwarded-For")!
}
