internal import CCurl

/// The process-wide `curl_global_init`, run exactly once.
///
/// libcurl asks for one call before any other use. The build here is thread-safe, and Swift runs a
/// global's initializer once under a lock, so touching ``ready`` from any thread is safe.
enum CurlGlobal {
    /// Whether `curl_global_init` succeeded; read it to trigger the one-time call.
    static let ready: Bool = {
        // CURL_GLOBAL_ALL (SSL | WIN32); the macro's expression does not import into Swift.
        curl_global_init(3) == CURLE_OK
    }()
}
