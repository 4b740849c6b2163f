// Writes an import's rows on a second thread while the first one is still reading and
// validating the file: the validator hands over each row it accepts (by its ordinal, see
// stats::ImportValidator::SetAcceptedRowSink), the writer thread inserts them in chunks into the
// batch's open transaction. Nothing is committed here: the caller decides, once the whole file
// is validated, which of the written rows to keep (Reconcile) and commits, or drops the writer,
// which rolls back everything. The batch holds the database's write lock from its first row to
// the commit or rollback: other writers wait meanwhile (up to SQLite's busy timeout, 10 s).
// Thread safety: Add, Drain, Reconcile and Commit are called from one thread (the validating
// one); the writer thread only ever touches the queue and its own connection.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "stats/import_validator.hpp"
#include "stats/repository.hpp"

namespace lienket::app {

class BackgroundWriter {
 public:
  // Starts the writer thread on `writer` (from ObservationRepository::BeginBatch).
  explicit BackgroundWriter(std::unique_ptr<stats::BatchWriter> writer);
  // Stops the thread; the batch is rolled back unless Commit succeeded.
  ~BackgroundWriter();
  BackgroundWriter(const BackgroundWriter&) = delete;
  BackgroundWriter& operator=(const BackgroundWriter&) = delete;

  // Queues a copy of `row` under its ordinal; called on the validating thread. Blocks while the
  // writer is a few chunks behind, so memory stays bounded.
  void Add(std::uint32_t ordinal, const stats::Observation& row);
  // Writes what is still queued and stops the thread. Errors: the first error of the writer
  // thread (the rows are then to be rolled back).
  [[nodiscard]] core::Status Drain();
  // After Drain: makes the written rows exactly `plan.to_insert` — removes rows written but not
  // in the plan (identical to a stored vintage, or without publication date and unchanged) and
  // writes the plan's rows that were not written yet (values decided at the end), each with the
  // id of its ordinal so that ids follow the file's order. Errors: kAlreadyExists when a row of
  // the plan duplicates a stored vintage; the writer's errors.
  [[nodiscard]] core::Status Reconcile(const stats::ImportPlan& plan);
  // After Reconcile: records the batch's final fields and commits.
  [[nodiscard]] core::Status Commit(const stats::ImportBatch& batch);

 private:
  // Rows handed over together. Chunks are recycled: a million rows then reuse a few megabytes
  // (and their strings' buffers) instead of allocating and faulting in 300 MB.
  struct Chunk {
    std::vector<std::uint32_t> ordinals;
    std::vector<stats::Observation> rows;
    std::size_t size = 0;  // rows in use; the vectors keep kChunkRows elements until the last
  };
  void Run();
  void Push(Chunk chunk);
  Chunk TakeChunk();  // a recycled chunk, or a new one

  std::unique_ptr<stats::BatchWriter> writer_;
  const std::int64_t first_id_;
  Chunk filling_;  // the validating thread's chunk being filled
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Chunk> queue_;  // guarded by mutex_
  std::vector<Chunk> spare_;  // guarded by mutex_: written chunks, for reuse
  bool closed_ = false;      // guarded by mutex_
  // Written by the writer thread; read by the caller only after Drain joined it.
  std::optional<core::Error> error_;
  std::vector<std::int64_t> id_by_ordinal_;  // 0: not written
  std::thread thread_;
};

}  // namespace lienket::app
