internal import CCurl
internal import Synchronization

/// Owns one libcurl multi handle and the thread that drives it.
///
/// Callers never touch the multi handle: they drop transfers and cancellations in an inbox under a
/// mutex and call `curl_multi_wakeup`, the one multi function that is safe from another thread.
/// The curl thread drains the inbox, runs `curl_multi_perform`, collects finished transfers, and
/// sleeps in `curl_multi_poll` until a socket is ready, a wakeup arrives, or a second passes.
final class CurlWorker: Sendable {
    private struct Inbox {
        var pending: [Transfer] = []
        var cancellations: [Transfer] = []
        var isShutdown = false
    }

    private let multi: MultiHandle
    private let inbox = Mutex(Inbox())

    /// Creates the multi handle with the connection caps and starts the curl thread.
    init(configuration: HTTPClientConfiguration) {
        guard CurlGlobal.ready, let multi = curl_multi_init() else {
            fatalError("CrierHTTP: libcurl failed to initialise")
        }
        _ = crier_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, configuration.maxConnectionsPerHost)
        _ = crier_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, configuration.maxTotalConnections)
        // Keep as many idle connections as may be open, so keep-alive survives bursts.
        _ = crier_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, configuration.maxTotalConnections)
        self.multi = MultiHandle(pointer: multi)
        CurlThread.start { [self] in
            self.run()
        }
    }

    /// Queues a transfer and wakes the curl thread; it resumes `continuation` when done.
    func submit(_ transfer: Transfer, continuation: CheckedContinuation<HTTPResponse, any Error>) {
        guard transfer.attach(continuation) else {
            continuation.resume(throwing: transfer.cancelledError())
            return
        }
        let accepted = self.inbox.withLock { inbox in
            guard !inbox.isShutdown else { return false }
            inbox.pending.append(transfer)
            // Under the lock, so it can never race the curl thread's curl_multi_cleanup.
            curl_multi_wakeup(self.multi.pointer)
            return true
        }
        if !accepted {
            transfer.finish(.failure(transfer.cancelledError("client shut down")))
        }
    }

    /// Asks the curl thread to abort a transfer; the caller gets ``HTTPClientError/Code/cancelled``.
    func cancel(_ transfer: Transfer) {
        guard transfer.requestCancel() else { return }
        self.inbox.withLock { inbox in
            guard !inbox.isShutdown else { return }
            inbox.cancellations.append(transfer)
            curl_multi_wakeup(self.multi.pointer)
        }
    }

    /// Stops the curl thread; transfers still queued or running fail as cancelled. Idempotent.
    func shutdown() {
        self.inbox.withLock { inbox in
            guard !inbox.isShutdown else { return }
            inbox.isShutdown = true
            curl_multi_wakeup(self.multi.pointer)
        }
    }

    // MARK: Curl thread

    private func run() {
        let multi = self.multi.pointer
        // Transfers attached to the multi handle, by easy handle; this dictionary also keeps them
        // alive while libcurl may call back into them.
        var active: [UnsafeMutableRawPointer: Transfer] = [:]

        while true {
            let (pending, cancellations, isShutdown) = self.inbox.withLock { inbox in
                defer {
                    inbox.pending = []
                    inbox.cancellations = []
                }
                return (inbox.pending, inbox.cancellations, inbox.isShutdown)
            }

            if isShutdown {
                for transfer in active.values {
                    curl_multi_remove_handle(multi, transfer.handle)
                    transfer.finish(.failure(transfer.cancelledError("client shut down")))
                }
                for transfer in pending {
                    transfer.finish(.failure(transfer.cancelledError("client shut down")))
                }
                curl_multi_cleanup(multi)
                return
            }

            for transfer in pending {
                if transfer.isCancelRequested {
                    transfer.finish(.failure(transfer.cancelledError()))
                } else if curl_multi_add_handle(multi, transfer.handle) == CURLM_OK {
                    active[transfer.handle] = transfer
                } else {
                    transfer.finish(.failure(HTTPClientError(code: .other, message: "libcurl refused the transfer fetching \(transfer.url)")))
                }
            }
            for transfer in cancellations where active.removeValue(forKey: transfer.handle) != nil {
                curl_multi_remove_handle(multi, transfer.handle)
                transfer.finish(.failure(transfer.cancelledError()))
            }

            var running: Int32 = 0
            curl_multi_perform(multi, &running)

            var queued: Int32 = 0
            while let message = curl_multi_info_read(multi, &queued) {
                guard crier_msg_is_done(message) != 0, let easy = crier_msg_easy_handle(message) else { continue }
                // Read the message before removing the handle, which invalidates it.
                let code = crier_msg_result(message)
                curl_multi_remove_handle(multi, easy)
                if let transfer = active.removeValue(forKey: easy) {
                    transfer.finish(transfer.result(for: code))
                }
            }

            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
    }
}

/// The multi handle pointer, made `Sendable` so the worker can be: only `curl_multi_wakeup` is
/// called on it off the curl thread, and libcurl documents that one as thread-safe.
private struct MultiHandle: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
}
