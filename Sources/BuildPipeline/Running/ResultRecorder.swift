import Foundation
import InfinityStore
import InfinitySystem
import Synchronization

/// Writes build results to the store as they come, in batches: while one transaction is
/// being written the next results gather, so a thousand quick builds cost a handful of
/// transactions rather than a thousand, and finished results are kept if the run is
/// interrupted. Writes (which wait for the disk) happen on a queue of their own, never on
/// the cooperative threads that schedule builds.
final class ResultRecorder: Sendable {
    private let store: StateStore
    private let runID: String
    private let pending = Mutex<[RepositoryBuildResult]>([])
    private let problems = Mutex<[String]>([])
    private let doorbell: AsyncStream<Void>
    private let ring: AsyncStream<Void>.Continuation
    private let queue = DispatchQueue(label: "infinity.build.results")

    init(store: StateStore, runID: String) {
        self.store = store
        self.runID = runID
        (doorbell, ring) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Queues a result for writing.
    func add(_ result: RepositoryBuildResult) {
        pending.withLock { $0.append(result) }
        ring.yield()
    }

    /// Writes batches until `close()` (or until the task is cancelled; `flush()` then
    /// writes what is left).
    func run() async {
        for await _ in doorbell {
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                queue.async {
                    self.flush()
                    done.resume()
                }
            }
        }
    }

    /// Ends `run()` once the queued results are written.
    func close() { ring.finish() }

    /// Writes everything queued now, in one transaction (on the caller's thread).
    func flush() {
        let batch = pending.withLock { queue -> [RepositoryBuildResult] in
            let out = queue
            queue.removeAll()
            return out
        }
        guard !batch.isEmpty else { return }
        do {
            try store.recordBuild(results: batch.map { $0.record(runID: runID) }, keys: batch.compactMap { $0.keyRecord(runID: runID) })
        } catch {
            problems.withLock { $0.append("could not record \(batch.count) result(s): \(error)") }
        }
    }

    /// Store errors met so far.
    var errors: [String] { problems.withLock { $0 } }
}

/// One build at a time per state folder: an exclusive `flock` on
/// `<state>/workspace/build.lock`, released when the process ends, however it ends.
final class BuildLock: Sendable {
    private let fd: Int32

    private init(fd: Int32) { self.fd = fd }

    /// Takes the lock, or fails at once when another build holds it.
    static func acquire(_ path: String, fileSystem: FileSystem) throws(BuildError) -> BuildLock {
        try? fileSystem.createDirectory(Paths.dirname(path))
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw BuildError(.busy, "cannot open the build lock \(path): \(String(cString: strerror(errno)))", remedy: "check the state folder's permissions and free space")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw BuildError(.busy, "another `infinity build` is running on this state folder (\(path) is locked)", remedy: "wait for it to finish, or stop it with Ctrl-C")
        }
        return BuildLock(fd: fd)
    }

    deinit { close(fd) }
}
