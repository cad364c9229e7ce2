internal import CCurl

// libcurl takes plain C function pointers, so these are free functions that capture nothing;
// the transfer arrives through the `void *` context as an unretained reference (the worker keeps
// it alive while libcurl may call back).

/// CURLOPT_WRITEFUNCTION: stores decoded body bytes. Returning less than given aborts the
/// transfer with CURLE_WRITE_ERROR, which is how the body cap stops chunked bodies and gzip bombs.
func crierWriteCallback(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?) -> Int {
    guard let context else { return 0 }
    let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    guard length > 0, let data else { return length }
    return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
}

/// CURLOPT_HEADERFUNCTION: receives one complete header line at a time, including the status line.
func crierHeaderCallback(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?) -> Int {
    guard let context else { return 0 }
    let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    guard length > 0, let data else { return length }
    let bytes = UnsafeRawBufferPointer(start: data, count: length)
    // Header values are bytes; invalid UTF-8 becomes U+FFFD rather than failing the request.
    transfer.receiveHeaderLine(String(decoding: bytes, as: UTF8.self))
    return length
}
