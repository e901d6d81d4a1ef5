import FuzzSupport

/// The whole pipeline on arbitrary bytes read as EML (`fuzz.eml`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzPipeline.run(data, size, path: "fuzz.eml", kind: .eml)
}

runFuzzer(fuzzTestOneInput, warmUp: pipelineWarmUp)
