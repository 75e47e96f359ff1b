import Foundation

/// A blocking FIFO between indexing threads. `push` waits while the queue holds `capacity` items,
/// which keeps memory bounded; `push(urgent:)` never waits, for hand-offs between workers that
/// would otherwise be able to wait on each other forever.
final class WorkQueue<Element>: @unchecked Sendable {
    // All state is guarded by `condition`.
    private var items: [Element?] = []
    private var head = 0
    private let capacity: Int
    private let condition = NSCondition()

    init(capacity: Int) { self.capacity = capacity }

    func push(_ element: Element, urgent: Bool = false) {
        condition.lock()
        while !urgent && items.count - head >= capacity { condition.wait() }
        items.append(element)
        condition.broadcast()
        condition.unlock()
    }

    func pop() -> Element {
        condition.lock()
        while items.count == head { condition.wait() }
        let element = items[head]!
        items[head] = nil
        head += 1
        if head > 1024 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        condition.unlock()
        return element
    }

    var isEmpty: Bool {
        condition.lock()
        defer { condition.unlock() }
        return items.count == head
    }
}

/// A value shared between threads under a lock.
final class Locked<Value>: @unchecked Sendable {
    // `value` is only touched inside `withLock`.
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    @discardableResult
    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
