import FuzzSupport

/// The whole pipeline on arbitrary bytes read as HTML (`fuzz.html`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzPipeline.run(data, size, path: "fuzz.html", kind: .html)
}

runFuzzer(fuzzTestOneInput, warmUp: pipelineWarmUp)
