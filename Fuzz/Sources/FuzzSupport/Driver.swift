#if canImport(Glibc)
import Glibc
#endif

/// A libFuzzer callback: `LLVMFuzzerTestOneInput`'s C signature.
public typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: FuzzCallback) -> Int32

/// SwiftPM links an executable target's `main` to the module's top-level code, so libFuzzer's own
/// `main` is never pulled in: each target's `main.swift` hands its callback to libFuzzer's driver
/// (`LLVMFuzzerRunDriver`, in the `-sanitize=fuzzer` runtime) with the command line unchanged.
///
/// Before that, with LeakSanitizer paused (when it is linked in), the callback runs once on each
/// `warmUp` input and on up to 300 files of each corpus directory given: lazily built globals
/// (the user-agent style sheet, dictionaries, rule tables) are made then. Swift strings and
/// enums keep heap pointers with tag bits set, which LeakSanitizer cannot follow, so without this a
/// global cache built during a run is reported as a leak though it is reachable and built once.
public func runFuzzer(_ callback: FuzzCallback, warmUp: [String] = []) -> Never {
    let disable = lsanFunction("__lsan_disable")
    let enable = lsanFunction("__lsan_enable")
    disable?()
    for w in warmUp {
        var bytes = Array(w.utf8)
        _ = bytes.withUnsafeMutableBufferPointer { callback(UnsafePointer($0.baseAddress), $0.count) }
    }
    for arg in CommandLine.arguments.dropFirst() where !arg.hasPrefix("-") {
        guard let dir = opendir(arg) else { continue }
        var n = 0
        while n < 300, let e = readdir(dir) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasPrefix(".") { continue }
            if let bytes = readSmallFile(arg + "/" + name) {
                var b = bytes
                _ = b.withUnsafeMutableBufferPointer { callback(UnsafePointer($0.baseAddress), $0.count) }
                n += 1
            }
        }
        closedir(dir)
    }
    enable?()
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    let status = LLVMFuzzerRunDriver(&argc, &argv, callback)
    exit(status)
}

/// The input as a buffer (libFuzzer may pass a null pointer with size 0).
@inlinable
public func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> UnsafeBufferPointer<UInt8> {
    guard let data, size > 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
    return UnsafeBufferPointer(start: data, count: size)
}

private func lsanFunction(_ name: String) -> (@convention(c) () -> Void)? {
    guard let p = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }  // RTLD_DEFAULT
    return unsafeBitCast(p, to: (@convention(c) () -> Void).self)
}

/// A regular file of at most 1 MB, or nil.
private func readSmallFile(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_NONBLOCK)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size <= 1_000_000 else { return nil }
    var out = [UInt8](repeating: 0, count: Int(st.st_size))
    var got = 0
    while got < out.count {
        let r = out.withUnsafeMutableBytes { read(fd, $0.baseAddress.map { $0 + got }, $0.count - got) }
        if r <= 0 { break }
        got += r
    }
    return Array(out.prefix(got))
}
