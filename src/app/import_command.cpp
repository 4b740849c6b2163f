#include "app/import_command.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <future>
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/background_writer.hpp"
#include "app/observation_reader.hpp"
#include "io/encoding.hpp"
#include "io/fs.hpp"

namespace lienket::app {

using stats::Problem;
using stats::Severity;

namespace {

constexpr std::size_t kMaxFileBytes = std::size_t{1} << 30;  // 1 GiB

// "1 error", "3 errors": English needs the plural, Vietnamese does not.
std::string Count(std::size_t n, std::string_view noun) {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

std::string_view SeverityId(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kNote:
      return "note";
  }
  return "error";
}

std::string_view SeverityLabelVi(Severity s) {
  switch (s) {
    case Severity::kError:
      return "LỖI";
    case Severity::kWarning:
      return "CẢNH BÁO";
    case Severity::kNote:
      return "GHI CHÚ";
  }
  return "LỖI";
}

std::string Where(const Problem& p) {
  if (p.row == 0) return "";
  if (p.column.empty()) return fmt::format("dòng {}", p.row);
  return fmt::format("dòng {}, cột {}", p.row, p.column);
}

std::string WhereEn(const Problem& p) {
  if (p.row == 0) return "";
  if (p.column.empty()) return fmt::format("row {}", p.row);
  return fmt::format("row {}, column {}", p.row, p.column);
}

void PrintProblems(const stats::ImportPlan& plan, const ImportRequest& request, std::ostream& out) {
  std::size_t shown = 0;
  for (const Problem& p : plan.problems) {
    if (shown++ >= request.max_problems_shown) {
      out << fmt::format(
          "… và {} vấn đề khác (dùng --json để xem tất cả) / … and {} more "
          "(use --json to see them all)\n",
          plan.problems.size() - request.max_problems_shown,
          plan.problems.size() - request.max_problems_shown);
      break;
    }
    std::string where_vi = Where(p);
    std::string where_en = WhereEn(p);
    out << fmt::format("{} {}{}{}\n", SeverityLabelVi(p.severity), request.display_name,
                       where_vi.empty() ? "" : ", " + where_vi, ": " + p.message_vi);
    out << fmt::format("  {} {}{}{}\n", SeverityId(p.severity), request.display_name,
                       where_en.empty() ? "" : ", " + where_en, ": " + p.message_en);
  }
}

nlohmann::json ProblemsJson(const std::vector<Problem>& problems) {
  nlohmann::json list = nlohmann::json::array();
  for (const Problem& p : problems) {
    list.push_back({{"severity", SeverityId(p.severity)},
                    {"code", p.code},
                    {"row", p.row},
                    {"column", p.column},
                    {"value", p.value},
                    {"message_vi", p.message_vi},
                    {"message_en", p.message_en}});
  }
  return list;
}

class ProgressBar {
 public:
  ProgressBar(bool enabled, std::ostream& err, std::size_t total)
      : enabled_(enabled), err_(err), total_(total) {}
  void Show(std::string_view label, std::size_t done) {
    if (!enabled_ || total_ == 0) return;
    int percent = static_cast<int>(done * 100 / total_);
    if (percent == last_percent_ && label == last_label_) return;
    last_percent_ = percent;
    last_label_ = std::string(label);
    int filled = percent / 4;
    err_ << fmt::format("\r{:<22} [{}{}] {:3}%", label, std::string(filled, '#'),
                        std::string(25 - filled, '.'), percent)
         << std::flush;
  }
  void Done() {
    if (enabled_ && last_percent_ >= 0) err_ << "\n";
  }

 private:
  bool enabled_;
  std::ostream& err_;
  std::size_t total_;
  int last_percent_ = -1;
  std::string last_label_;
};

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  // OpenSSL's SHA-256 uses the CPU's SHA instructions: 0.06 s for the benchmark's 87 MB file,
  // where libsodium's portable code took 0.35 s of a core shared with the import.
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr) != 1) {
    return {};  // only on allocation failure; the import log then records no checksum
  }
  std::string hex;
  hex.reserve(2 * size);
  for (unsigned int i = 0; i < size; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

ImportOutcome ImportBytes(Context* ctx, std::string_view raw_bytes, const ImportRequest& request,
                          std::ostream& out, std::ostream& err) {
  ImportOutcome outcome;
  std::string converted;
  std::string_view bytes = raw_bytes;
  if (!request.encoding.empty()) {
    io::TextEncoding from = request.encoding == "windows-1258" ? io::TextEncoding::kWindows1258
                            : request.encoding == "utf-16le"   ? io::TextEncoding::kUtf16Le
                                                               : io::TextEncoding::kUtf16Be;
    auto utf8 = io::ToUtf8(raw_bytes, from);
    if (!utf8) {
      err << utf8.error().Bilingual() << "\n";
      outcome.exit_code = kRejected;
      return outcome;
    }
    converted = std::move(*utf8);
    bytes = converted;
  }
  // The file's checksum is computed on the second core while the rows are read and checked.
  std::future<std::string> checksum =
      std::async(std::launch::async, [bytes] { return Sha256Hex(bytes); });
  stats::ImportValidator validator(ctx->units, ctx->indicators, request.options);
  ProgressBar bar(request.show_progress && bytes.size() > (std::size_t{4} << 20), err,
                  bytes.size());
  std::string format = "csv";
  auto sniffed = SniffFormat(bytes);
  outcome.batch.file_name = request.display_name;
  outcome.batch.format = sniffed && *sniffed == FileFormat::kXlsx ? "xlsx" : "csv";
  outcome.batch.dataset = request.options.dataset;
  outcome.batch.imported_by = request.imported_by;
  // Rows are written on a second thread while the file is still being read and checked, into one
  // transaction that is committed only if the whole file passes (else rolled back: all or
  // nothing, as before). A dry run writes nothing.
  std::unique_ptr<BackgroundWriter> writer;
  if (!request.dry_run) {
    auto batch_writer = ctx->store->BeginBatch(&outcome.batch);
    if (!batch_writer) {
      err << fmt::format("Không ghi được; cơ sở dữ liệu không thay đổi. {}\n",
                         batch_writer.error().Bilingual());
      outcome.exit_code = kFailed;
      return outcome;
    }
    writer = std::make_unique<BackgroundWriter>(std::move(*batch_writer));
    validator.SetAcceptedRowSink([&writer](std::uint32_t ordinal, const stats::Observation& row) {
      writer->Add(ordinal, row);
    });
  }
  if (!sniffed) {
    validator.AddProblem(Problem{Severity::kError, "bad_format", 0, "", "",
                                 sniffed.error().message_vi, sniffed.error().message_en});
  } else if (*sniffed == FileFormat::kXlsx) {
    format = "xlsx";
    if (request.source_path.empty()) {
      validator.AddProblem(Problem{Severity::kError, "bad_format", 0, "", "",
                                   "Tệp Excel phải được nhập từ một tệp trên đĩa",
                                   "An Excel file must be imported from a file on disk"});
    } else {
      ReadXlsxObservations(request.source_path, request.xlsx_mapping, &validator);
    }
  } else {
    ReadCsvObservations(bytes, &validator,
                        [&bar](std::size_t done) { bar.Show("Đọc và kiểm tra", done); });
  }
  // The rows written so far are not committed (and the writer may still be writing): the reads
  // below see the stored rows only, on the store's own connection.
  stats::ExistingScope scope = validator.Scope();
  std::vector<stats::Observation> existing;
  if (!scope.empty()) {
    auto found = ctx->store->Find(scope.Query());
    if (!found) {
      bar.Done();
      err << found.error().Bilingual() << "\n";
      return outcome;
    }
    existing = std::move(*found);
  }
  outcome.plan = validator.Finish(existing);
  core::Status written_so_far = writer ? writer->Drain() : core::Status();
  bar.Done();
  const stats::ImportPlan& plan = outcome.plan;
  const std::size_t errors = plan.ErrorCount();
  const std::size_t warnings = plan.WarningCount();

  outcome.batch.file_sha256 = checksum.get();
  outcome.batch.rows_read = plan.rows_read;
  outcome.batch.rows_unchanged = plan.unchanged;
  outcome.batch.warnings_accepted =
      request.accept_warnings ? static_cast<std::int64_t>(warnings) : 0;

  if (errors > 0) {
    outcome.exit_code = kRejected;
  } else if (warnings > 0 && !request.accept_warnings) {
    outcome.exit_code = kWarningsNotAccepted;
  } else if (request.dry_run) {
    outcome.exit_code = kImported;
  } else {
    if (!plan.to_insert.empty()) {
      outcome.batch.rows_inserted = static_cast<std::int64_t>(plan.to_insert.size());
      core::Status written = written_so_far;
      if (written) written = writer->Reconcile(plan);
      if (written) written = writer->Commit(outcome.batch);
      if (!written) {
        writer.reset();  // rolls back
        err << fmt::format("Không ghi được; cơ sở dữ liệu không thay đổi. {}\n",
                           written.error().Bilingual());
        outcome.exit_code = kFailed;
        return outcome;
      }
      outcome.written = true;
    }
    outcome.exit_code = kImported;
  }

  if (request.json) {
    nlohmann::json summary = {
        {"file", request.display_name},
        {"format", format},
        {"sha256", outcome.batch.file_sha256},
        {"dataset", request.options.dataset},
        {"dry_run", request.dry_run},
        {"written", outcome.written},
        {"batch_id", outcome.written ? nlohmann::json(outcome.batch.id) : nlohmann::json()},
        {"rows_read", plan.rows_read},
        {"rows_to_insert", plan.to_insert.size()},
        {"rows_inserted", outcome.written ? plan.to_insert.size() : 0},
        {"rows_unchanged", plan.unchanged},
        {"errors", errors},
        {"warnings", warnings},
        {"exit_code", outcome.exit_code},
        {"problems", ProblemsJson(plan.problems)}};
    out << summary.dump(2) << "\n";
    return outcome;
  }
  PrintProblems(plan, request, out);
  std::string name = request.display_name;
  switch (outcome.exit_code) {
    case kRejected:
      out << fmt::format(
          "KHÔNG NHẬP {}: {} lỗi, {} cảnh báo trong {} dòng; cơ sở dữ liệu không thay đổi.\n"
          "NOT IMPORTED {}: {}, {} in {}; the database is unchanged.\n",
          name, errors, warnings, plan.rows_read, name, Count(errors, "error"),
          Count(warnings, "warning"), Count(plan.rows_read, "row"));
      break;
    case kWarningsNotAccepted:
      out << fmt::format(
          "CHƯA NHẬP {}: {} cảnh báo cần xem lại; nếu số liệu đúng, chạy lại với "
          "--accept-warnings. Cơ sở dữ liệu không thay đổi.\n"
          "NOT IMPORTED {}: {} to review; if the figures are right, run again with "
          "--accept-warnings. The database is unchanged.\n",
          name, warnings, name, Count(warnings, "warning"));
      break;
    default:
      if (request.dry_run) {
        out << fmt::format(
            "Chạy thử {}: {} dòng đọc, {} dòng sẽ được thêm, {} dòng đã có (giữ nguyên); chưa "
            "ghi gì.\n"
            "Dry run {}: {} rows read, {} would be added, {} already stored (unchanged); nothing "
            "written.\n",
            name, plan.rows_read, plan.to_insert.size(), plan.unchanged, name, plan.rows_read,
            plan.to_insert.size(), plan.unchanged);
      } else {
        out << fmt::format(
            "Đã nhập {}: {} dòng đọc, {} dòng thêm mới, {} dòng đã có (giữ nguyên){}.\n"
            "Imported {}: {} rows read, {} added, {} already stored (unchanged){}.\n",
            name, plan.rows_read, plan.to_insert.size(), plan.unchanged,
            outcome.written ? fmt::format(", lần nhập số {}", outcome.batch.id) : "", name,
            plan.rows_read, plan.to_insert.size(), plan.unchanged,
            outcome.written ? fmt::format(", import #{}", outcome.batch.id) : "");
      }
  }
  return outcome;
}

ImportOutcome ImportFile(Context* ctx, const std::string& path, const ImportRequest& request,
                         std::ostream& out, std::ostream& err) {
  auto bytes = io::ReadFile(path, kMaxFileBytes);
  if (!bytes) {
    err << bytes.error().Bilingual() << "\n";
    ImportOutcome outcome;
    outcome.exit_code = kFailed;
    return outcome;
  }
  ImportRequest with_path = request;
  with_path.source_path = path;
  return ImportBytes(ctx, *bytes, with_path, out, err);
}

}  // namespace lienket::app
