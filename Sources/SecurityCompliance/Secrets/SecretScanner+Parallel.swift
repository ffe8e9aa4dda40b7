extension SecretScanner {
    /// Scans `files` with at most `options.maxParallel` child tasks, each taking a batch.
    func scanInParallel(_ files: [String]) async -> [SecretScanReport] {
        let batchSize = max(1, min(64, files.count / (options.maxParallel * 8) + 1))
        var batches: [[String]] = []
        var start = 0
        while start < files.count {
            batches.append(Array(files[start..<min(files.count, start + batchSize)]))
            start += batchSize
        }
        var results: [SecretScanReport] = []
        await withTaskGroup(of: SecretScanReport.self) { group in
            var next = 0
            while next < batches.count, next < options.maxParallel {
                let batch = batches[next]
                group.addTask { scanBatch(batch) }
                next += 1
            }
            while let partial = await group.next() {
                results.append(partial)
                if next < batches.count {
                    let batch = batches[next]
                    group.addTask { scanBatch(batch) }
                    next += 1
                }
            }
        }
        return results
    }

    /// Reads and scans a batch of files sequentially.
    func scanBatch(_ files: [String]) -> SecretScanReport {
        var report = SecretScanReport()
        for path in files {
            do {
                let size = try fileSystem.size(path)
                if size > options.maxFileSize {
                    report.skipped.append(SkippedFile(path: path, reason: .tooLarge))
                    continue
                }
                let bytes = try fileSystem.read(path)
                if options.skipBinaryFiles, bytes.prefix(8192).contains(0) {
                    report.skipped.append(SkippedFile(path: path, reason: .binary))
                    continue
                }
                let result = bytes.withUnsafeBufferPointer { engine.scan($0, path: path) }
                report.filesScanned += 1
                report.bytesScanned += bytes.count
                report.findings += result.findings
                report.suppressedInline += result.suppressedInline
                report.suppressedByBaseline += result.suppressedByBaseline
            } catch {
                report.diagnostics.append(String(describing: error))
            }
        }
        return report
    }
}
