import Foundation
import GRDB

/// A row of `oauthApp`: a client registered with `POST /api/v1/apps`.
struct OAuthAppRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "oauthApp"

    var id: Int64?
    var name: String
    var website: String?
    /// The allowed redirect URIs, one per line (Mastodon's own storage format).
    var redirectUris: String
    /// The scopes the app may ask for, space-separated.
    var scopes: String
    /// Public, random, unique.
    var clientId: String
    /// Lowercase hex SHA-256 of the client secret; the secret itself is shown once, at registration.
    var secretHash: String
    var createdAt: Timestamp

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let clientId = Column(CodingKeys.clientId)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The id, which every fetched or inserted record has.
    var rowID: Int64 { id ?? 0 }

    /// The redirect URIs as a list.
    var redirectURIList: [String] {
        redirectUris.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}

/// A row of `oauthCode`: an authorization code, valid once and for ten minutes, stored hashed.
struct OAuthCodeRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "oauthCode"

    var id: Int64?
    /// Lowercase hex SHA-256 of the code.
    var hash: String
    var appId: Int64
    /// Who approved it.
    var accountId: Int64
    /// Must be repeated, identical, when the code is exchanged.
    var redirectUri: String
    var scopes: String
    var expiresAt: Timestamp

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let hash = Column(CodingKeys.hash)
        static let expiresAt = Column(CodingKeys.expiresAt)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A row of `oauthToken`: an access token issued through OAuth, stored only as its SHA-256.
///
/// `accountId` is nil for an app token (`client_credentials`), which acts as an anonymous reader.
struct OAuthTokenRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "oauthToken"

    var id: Int64?
    /// Lowercase hex SHA-256 of the bearer token; unique.
    var hash: String
    var appId: Int64
    var accountId: Int64?
    /// Space-separated granted scopes.
    var scopes: String
    var createdAt: Timestamp

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let hash = Column(CodingKeys.hash)
        static let appId = Column(CodingKeys.appId)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
