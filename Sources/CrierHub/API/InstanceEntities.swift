/// The bodies of `/api/v2/instance` and `/api/v1/instance`.
enum InstanceEntity {
    /// What clients parse to decide which API they talk to.
    static let version = "4.3.0 (compatible; Crier 0.1.0)"

    /// `/api/v2/instance`.
    struct V2: Encodable, Sendable {
        var domain: String
        var title: String
        var version = InstanceEntity.version
        var sourceUrl = "https://github.com/crier/crier"
        var description: String
        var usage: Usage
        var thumbnail: Thumbnail
        var languages: [String] = []
        var configuration: Configuration
        var registrations = Registrations()
        var apiVersions = APIVersions()
        var contact = Contact()
        var rules: [Nothing] = []

        struct Usage: Encodable, Sendable {
            struct Users: Encodable, Sendable { var activeMonth: Int }
            var users: Users
        }

        struct Thumbnail: Encodable, Sendable { var url: String }

        struct Configuration: Encodable, Sendable {
            var urls: URLs
            var accounts = Accounts()
            var statuses: Statuses
            var mediaAttachments = MediaAttachments()
            var polls = Polls()
            var translation = Translation()
        }

        struct URLs: Encodable, Sendable { var streaming: String }
        struct Accounts: Encodable, Sendable {
            var maxFeaturedTags = 0
            var maxPinnedStatuses = 0
        }
        struct MediaAttachments: Encodable, Sendable {
            var supportedMimeTypes: [String] = []
            var imageSizeLimit = 0
            var imageMatrixLimit = 0
            var videoSizeLimit = 0
            var videoFrameRateLimit = 0
            var videoMatrixLimit = 0
        }
        struct Polls: Encodable, Sendable {
            var maxOptions = 0
            var maxCharactersPerOption = 0
            var minExpiration = 0
            var maxExpiration = 0
        }
        struct Translation: Encodable, Sendable { var enabled = false }
        struct Registrations: Encodable, Sendable {
            var enabled = false
            var approvalRequired = false
            var message = Nullable<String>(nil)
        }
        struct APIVersions: Encodable, Sendable { var mastodon = 2 }
        struct Contact: Encodable, Sendable {
            var email = ""
            var account = Nullable<Nothing>(nil)
        }
    }

    /// The statuses limits, shared by both versions.
    struct Statuses: Encodable, Sendable {
        var maxCharacters: Int
        var maxMediaAttachments = 0
        var charactersReservedPerUrl = StatusText.charactersPerURL
    }

    /// `/api/v1/instance` (deprecated by Mastodon, still read by older clients).
    struct V1: Encodable, Sendable {
        var uri: String
        var title: String
        var shortDescription: String
        var description: String
        var email = ""
        var version = InstanceEntity.version
        var urls: URLs
        var stats: Stats
        var thumbnail = Nullable<String>(nil)
        var languages: [String] = []
        var registrations = false
        var approvalRequired = false
        var invitesEnabled = false
        var maxTootChars: Int
        var configuration: Configuration
        var contactAccount = Nullable<Nothing>(nil)
        var rules: [Nothing] = []

        struct URLs: Encodable, Sendable { var streamingApi: String }
        struct Stats: Encodable, Sendable {
            var userCount: Int
            var statusCount: Int
            var domainCount = 1
        }
        struct Configuration: Encodable, Sendable { var statuses: Statuses }
    }
}
