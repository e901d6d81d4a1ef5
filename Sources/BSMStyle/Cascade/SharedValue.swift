/// An immutable value behind one reference: copying the holder retains one object instead of
/// every array inside the value (`StyleEngine`, `StyledDocument` keep their tables in one).
final class SharedValue<Value: Sendable>: Sendable {
    let value: Value

    init(_ value: Value) { self.value = value }
}
