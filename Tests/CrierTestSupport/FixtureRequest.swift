/// A request as the fixture server received it, handed to the test's handler.
public struct FixtureRequest: Sendable {
    /// The method, for example `"GET"`.
    public var method: String
    /// The path without the query, for example `"/feed.xml"`.
    public var path: String
    /// Query parameters, percent-decoded; for a repeated name the last value wins.
    public var query: [String: String]
    /// Header fields with lowercased names; repeated fields are joined with `", "`.
    public var headers: [String: String]
    /// The complete request body.
    public var body: [UInt8]

    /// Creates a request; the server builds these, handler unit tests may too.
    public init(method: String, path: String, query: [String: String] = [:], headers: [String: String] = [:], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }
}
