#include "app/background_writer.hpp"

#include <fmt/format.h>

#include <utility>

namespace lienket::app {

namespace {

constexpr std::size_t kChunkRows = 4096;
// Chunks waiting for the writer before the validating thread waits too (about 100 MB at most).
constexpr std::size_t kMaxQueuedChunks = 64;

}  // namespace

BackgroundWriter::BackgroundWriter(std::unique_ptr<stats::BatchWriter> writer)
    : writer_(std::move(writer)), first_id_(writer_->first_free_id()) {
  filling_ = TakeChunk();
  thread_ = std::thread([this] { Run(); });
}

BackgroundWriter::Chunk BackgroundWriter::TakeChunk() {
  {
    std::lock_guard lock(mutex_);
    if (!spare_.empty()) {
      Chunk chunk = std::move(spare_.back());
      spare_.pop_back();
      chunk.size = 0;
      return chunk;
    }
  }
  Chunk chunk;
  chunk.ordinals.resize(kChunkRows);
  chunk.rows.resize(kChunkRows);
  return chunk;
}

BackgroundWriter::~BackgroundWriter() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    queue_.clear();
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
  // writer_ is destroyed after the thread stopped: its transaction rolls back unless committed.
}

void BackgroundWriter::Add(std::uint32_t ordinal, const stats::Observation& row) {
  filling_.ordinals[filling_.size] = ordinal;
  stats::Observation& copy = filling_.rows[filling_.size];
  copy = row;  // assignment: the recycled strings keep their buffers
  // The id of the row's ordinal: the file's order, whatever order the rows are written in.
  copy.id = first_id_ + ordinal;
  if (++filling_.size == kChunkRows) {
    Push(std::move(filling_));
    filling_ = TakeChunk();
  }
}

void BackgroundWriter::Push(Chunk chunk) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return queue_.size() < kMaxQueuedChunks || closed_; });
  if (closed_) return;
  queue_.push_back(std::move(chunk));
  lock.unlock();
  changed_.notify_all();
}

void BackgroundWriter::Run() {
  while (true) {
    Chunk chunk;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] { return !queue_.empty() || closed_; });
      if (queue_.empty()) return;  // closed and drained
      chunk = std::move(queue_.front());
      queue_.pop_front();
    }
    changed_.notify_all();
    if (error_) continue;  // after an error, only drain the queue
    auto ids = writer_->Write(chunk.rows);
    if (!ids) {
      error_ = ids.error();
      continue;
    }
    for (std::size_t i = 0; i < chunk.rows.size(); ++i) {
      const std::uint32_t ordinal = chunk.ordinals[i];
      if (ordinal >= id_by_ordinal_.size()) id_by_ordinal_.resize(ordinal + 1, 0);
      id_by_ordinal_[ordinal] = (*ids)[i];
    }
    if (chunk.rows.size() == kChunkRows) {
      std::lock_guard lock(mutex_);
      spare_.push_back(std::move(chunk));
    }
  }
}

core::Status BackgroundWriter::Drain() {
  if (filling_.size > 0) {
    filling_.rows.resize(filling_.size);
    filling_.ordinals.resize(filling_.size);
    Push(std::move(filling_));
  }
  filling_ = Chunk();
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (error_) return tl::unexpected(*error_);
  return {};
}

core::Status BackgroundWriter::Reconcile(const stats::ImportPlan& plan) {
  std::vector<bool> in_plan(id_by_ordinal_.size(), false);
  std::vector<stats::Observation> late;
  std::vector<std::size_t> late_index;
  for (std::size_t k = 0; k < plan.to_insert.size(); ++k) {
    const std::uint32_t ordinal = plan.ordinals[k];
    if (ordinal < id_by_ordinal_.size() && id_by_ordinal_[ordinal] != 0) {
      in_plan[ordinal] = true;
      continue;
    }
    late.push_back(plan.to_insert[k]);
    late.back().id = first_id_ + ordinal;
    late_index.push_back(k);
  }
  std::vector<std::int64_t> unwanted;
  for (std::size_t ordinal = 0; ordinal < id_by_ordinal_.size(); ++ordinal) {
    if (id_by_ordinal_[ordinal] != 0 && !in_plan[ordinal]) {
      unwanted.push_back(id_by_ordinal_[ordinal]);
    }
  }
  LIENKET_RETURN_IF_ERROR(writer_->Remove(unwanted));
  if (late.empty()) return {};
  LIENKET_ASSIGN_OR_RETURN(ids, writer_->Write(late));
  for (std::size_t i = 0; i < late.size(); ++i) {
    if (ids[i] != 0) continue;
    const stats::Observation& o = late[i];
    return core::MakeError(
        core::ErrorCode::kAlreadyExists,
        fmt::format("Số liệu {} kỳ {} đã có cùng đợt công bố trong cơ sở dữ liệu", o.indicator_id,
                    o.period.Code()),
        fmt::format("Figure {} for {} already exists with the same vintage", o.indicator_id,
                    o.period.Code()));
  }
  return {};
}

core::Status BackgroundWriter::Commit(const stats::ImportBatch& batch) {
  return writer_->Commit(batch);
}

}  // namespace lienket::app
