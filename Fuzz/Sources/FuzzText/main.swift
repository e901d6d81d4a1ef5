import FuzzSupport

/// The whole pipeline on arbitrary bytes read as plain text (`fuzz.txt`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzPipeline.run(data, size, path: "fuzz.txt", kind: .text)
}

runFuzzer(fuzzTestOneInput, warmUp: pipelineWarmUp)
