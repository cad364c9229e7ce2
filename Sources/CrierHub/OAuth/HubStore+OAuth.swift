import Foundation
import GRDB

/// Who a bearer token speaks for: an account (a person's or a group's token), or only an app
/// (`client_credentials`), with the scopes granted.
struct Bearer: Sendable {
    /// Nil for an app token, which reads like an anonymous visitor.
    var account: AccountRecord?
    var scopes: Scopes
    /// The OAuth app that obtained the token; nil for tokens minted by `crier hub token`.
    var appId: Int64?
}

extension HubStore {
    /// Registers an OAuth client and returns it with its secret, which is stored only hashed.
    func registerApp(name: String, website: String?, redirectUris: [String], scopes: Scopes) async throws
        -> (app: OAuthAppRecord, secret: String)
    {
        let secret = Self.randomToken()
        let app = OAuthAppRecord(
            id: nil, name: name, website: website, redirectUris: redirectUris.joined(separator: "\n"),
            scopes: scopes.text, clientId: Self.randomToken(), secretHash: Self.tokenHash(secret),
            createdAt: Timestamp.now()
        )
        let inserted = try await pool.write { db in
            var record = app
            try record.insert(db)
            return record
        }
        return (inserted, secret)
    }

    /// The app with this client id.
    func oauthApp(clientId: String) async throws -> OAuthAppRecord? {
        try await pool.read { db in
            try OAuthAppRecord.filter(OAuthAppRecord.Columns.clientId == clientId).fetchOne(db)
        }
    }

    /// The app with this client id, if `secret` is its secret.
    func verifiedApp(clientId: String, secret: String) async throws -> OAuthAppRecord? {
        guard let app = try await oauthApp(clientId: clientId), app.secretHash == Self.tokenHash(secret) else {
            return nil
        }
        return app
    }

    /// The app with this id.
    func oauthApp(id: Int64) async throws -> OAuthAppRecord? {
        try await pool.read { db in try OAuthAppRecord.fetchOne(db, key: id) }
    }

    /// Issues a one-time authorization code, valid for ten minutes.
    func issueCode(app: OAuthAppRecord, accountId: Int64, redirectUri: String, scopes: Scopes) async throws -> String {
        let code = Self.randomToken()
        let expires = Timestamp(milliseconds: Timestamp.now().milliseconds + 600_000)
        try await pool.write { db in
            try OAuthCodeRecord.filter(OAuthCodeRecord.Columns.expiresAt < Timestamp.now()).deleteAll(db)
            var record = OAuthCodeRecord(
                id: nil, hash: Self.tokenHash(code), appId: app.rowID, accountId: accountId,
                redirectUri: redirectUri, scopes: scopes.text, expiresAt: expires
            )
            try record.insert(db)
        }
        return code
    }

    /// Consumes an authorization code: it must be this app's, unexpired, and issued for the same
    /// redirect URI. A code is deleted on first use, valid or not.
    func redeemCode(_ code: String, app: OAuthAppRecord, redirectUri: String) async throws -> OAuthCodeRecord? {
        try await pool.write { db in
            guard let record = try OAuthCodeRecord.filter(OAuthCodeRecord.Columns.hash == Self.tokenHash(code)).fetchOne(db)
            else { return nil }
            try record.delete(db)
            guard record.appId == app.rowID, record.redirectUri == redirectUri, record.expiresAt > Timestamp.now()
            else { return nil }
            return record
        }
    }

    /// Issues an access token for an app, on behalf of an account (or of nobody: an app token).
    func issueToken(app: OAuthAppRecord, accountId: Int64?, scopes: Scopes) async throws -> (token: String, createdAt: Timestamp) {
        let token = Self.randomToken()
        let now = Timestamp.now()
        try await pool.write { db in
            var record = OAuthTokenRecord(
                id: nil, hash: Self.tokenHash(token), appId: app.rowID, accountId: accountId,
                scopes: scopes.text, createdAt: now
            )
            try record.insert(db)
        }
        return (token, now)
    }

    /// Revokes (deletes) an OAuth token issued to `app`. Unknown tokens are ignored, as RFC 7009 asks.
    func revokeToken(_ token: String, app: OAuthAppRecord) async throws {
        try await pool.write { db in
            _ = try OAuthTokenRecord
                .filter(OAuthTokenRecord.Columns.hash == Self.tokenHash(token) && OAuthTokenRecord.Columns.appId == app.rowID)
                .deleteAll(db)
        }
    }

    /// What a bearer token grants: tokens of `crier hub token` (all scopes) or OAuth tokens.
    func bearer(_ token: String) async throws -> Bearer? {
        let hash = Self.tokenHash(token)
        return try await pool.read { db in
            if let account = try AccountRecord.fetchOne(
                db, sql: "SELECT account.* FROM token JOIN account ON account.id = token.accountId WHERE token.hash = ?",
                arguments: [hash])
            {
                return Bearer(account: account, scopes: .all, appId: nil)
            }
            guard let record = try OAuthTokenRecord.filter(OAuthTokenRecord.Columns.hash == hash).fetchOne(db) else {
                return nil
            }
            let account = try record.accountId.flatMap { try AccountRecord.fetchOne(db, key: $0) }
            return Bearer(account: account, scopes: Scopes(record.scopes), appId: record.appId)
        }
    }

    /// 32 random bytes in base64url without padding (43 characters), as Mastodon's tokens look.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
