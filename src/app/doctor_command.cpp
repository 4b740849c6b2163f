#include "app/doctor_command.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <utility>

#include "stats/reference_data.hpp"
#include "stats/report_form.hpp"
#include "store/embedded_files.hpp"
#include "store/db.hpp"
#include "store/pg_db.hpp"
#include "store/sqlite_backup.hpp"

namespace lienket::app {
namespace {

namespace fs = std::filesystem;

DoctorCheck Ok(std::string id, std::string vi, std::string en) {
  return DoctorCheck{std::move(id), DoctorSeverity::kOk, std::move(vi), std::move(en), "", ""};
}

DoctorCheck Finding(std::string id, DoctorSeverity severity, std::string vi, std::string en,
                    std::string advice_vi, std::string advice_en) {
  return DoctorCheck{std::move(id),        severity,           std::move(vi), std::move(en),
                     std::move(advice_vi), std::move(advice_en)};
}

// "68,2 GB" in Vietnamese, "68.2 GB" in English.
std::string Gigabytes(std::uintmax_t bytes, bool vietnamese) {
  std::string text = fmt::format("{:.1f} GB", static_cast<double>(bytes) / 1e9);
  if (vietnamese) {
    for (char& c : text)
      if (c == '.') c = ',';
  }
  return text;
}

// A file's size in MB below 1 GB, else in GB.
std::string Size(std::uintmax_t bytes, bool vietnamese) {
  if (bytes >= 1000000000) return Gigabytes(bytes, vietnamese);
  std::string text = fmt::format("{:.1f} MB", static_cast<double>(bytes) / 1e6);
  if (vietnamese) {
    for (char& c : text)
      if (c == '.') c = ',';
  }
  return text;
}

void CheckDatabase(const DoctorOptions& o, std::vector<DoctorCheck>* checks) {
  const std::string db = store::HidePassword(o.db_path);  // shown in messages
  auto inspected = store::InspectDatabase(o.db_path, /*check_integrity=*/true);
  if (!inspected) {
    const core::Error& e = inspected.error();
    if (e.code == core::ErrorCode::kNotFound) {
      checks->push_back(Finding(
          "database", DoctorSeverity::kError,
          fmt::format("Không có cơ sở dữ liệu tại \"{}\"", db),
          fmt::format("There is no database at \"{}\"", db),
          fmt::format("Kiểm tra --db hoặc biến LIENKET_DB; tạo mới bằng \"lienket --db {} init\" "
                      "hoặc khôi phục bản sao lưu bằng \"lienket --db {} restore TỆP\"",
                      db, db),
          fmt::format("Check --db or LIENKET_DB; create it with \"lienket --db {} init\" or "
                      "restore a backup with \"lienket --db {} restore FILE\"",
                      db, db)));
    } else if (e.code == core::ErrorCode::kFailedPrecondition) {
      checks->push_back(Finding(
          "database", DoctorSeverity::kError, e.message_vi, e.message_en,
          "Kiểm tra --db có trỏ đúng tệp của lienket không; nếu tệp đã hỏng, hãy giữ lại một bản "
          "và khôi phục bản sao lưu gần nhất bằng \"lienket restore TỆP\"",
          "Check that --db names lienket's file; if the file is damaged, keep a copy of it and "
          "restore the latest backup with \"lienket restore FILE\""));
    } else {
      checks->push_back(Finding(
          "database", DoctorSeverity::kError, e.message_vi, e.message_en,
          "Kiểm tra quyền đọc tệp và thư mục, và rằng không chương trình nào khác đang khóa tệp",
          "Check the read permissions of the file and its folder, and that no other program "
          "holds a lock on it"));
    }
    return;
  }
  const store::DatabaseInspection& i = *inspected;
  std::string size_vi = Size(static_cast<std::uintmax_t>(i.pages * i.page_size), true);
  std::string size_en = Size(static_cast<std::uintmax_t>(i.pages * i.page_size), false);
  checks->push_back(Ok("database",
                       fmt::format("Cơ sở dữ liệu \"{}\" mở được ({})", db, size_vi),
                       fmt::format("The database \"{}\" opens ({})", db, size_en)));

  if (i.schema_version == i.known_version) {
    checks->push_back(Ok("schema",
                         fmt::format("Lược đồ phiên bản {}, đúng với chương trình", i.schema_version),
                         fmt::format("Schema version {}, as this program", i.schema_version)));
  } else if (i.schema_version < i.known_version) {
    checks->push_back(Finding(
        "schema", DoctorSeverity::kWarning,
        fmt::format("Lược đồ phiên bản {}, cũ hơn phiên bản {} của chương trình: sẽ được nâng cấp "
                    "khi khởi động lần tới",
                    i.schema_version, i.known_version),
        fmt::format("Schema version {}, older than this program's {}: it will be migrated on next "
                    "start",
                    i.schema_version, i.known_version),
        fmt::format("Sao lưu trước khi nâng cấp: \"lienket --db {} backup TỆP\"", db),
        fmt::format("Back it up before the migration: \"lienket --db {} backup FILE\"", db)));
  } else {
    checks->push_back(Finding(
        "schema", DoctorSeverity::kError,
        fmt::format("Lược đồ phiên bản {}, mới hơn phiên bản {} mà chương trình này biết",
                    i.schema_version, i.known_version),
        fmt::format("Schema version {}, newer than version {} that this program knows",
                    i.schema_version, i.known_version),
        "Hãy cập nhật lienket lên phiên bản mới (chương trình này sẽ từ chối mở cơ sở dữ liệu)",
        "Upgrade lienket (this program refuses to open the database)"));
  }

  if (i.postgres) {
    // PostgreSQL keeps its own pages sound (WAL, checksums if enabled); what lienket can check is
    // that the server answers with the tables of the schema this program knows.
    checks->push_back(Ok("integrity", "Máy chủ PostgreSQL trả lời, các bảng của lược đồ đọc được",
                         "The PostgreSQL server answers and the schema's tables can be read"));
  } else if (i.integrity_problems.empty()) {
    checks->push_back(Ok("integrity", "Kiểm tra toàn vẹn (integrity_check): đạt",
                         "Integrity check (integrity_check): ok"));
  } else {
    checks->push_back(Finding(
        "integrity", DoctorSeverity::kError,
        fmt::format("Tệp cơ sở dữ liệu bị hỏng ({} lỗi; đầu tiên: {})",
                    i.integrity_problems.size(), i.integrity_problems.front()),
        fmt::format("The database file is damaged ({} problems; first: {})",
                    i.integrity_problems.size(), i.integrity_problems.front()),
        "Dừng máy chủ, giữ lại một bản của tệp, rồi khôi phục bản sao lưu gần nhất bằng "
        "\"lienket restore TỆP\"",
        "Stop the server, keep a copy of the file, then restore the latest backup with "
        "\"lienket restore FILE\""));
  }
  if (i.foreign_key_problems.empty()) {
    checks->push_back(Ok("foreign_keys", "Khóa ngoại (foreign_key_check): đạt",
                         "Foreign keys (foreign_key_check): ok"));
  } else {
    checks->push_back(Finding(
        "foreign_keys", DoctorSeverity::kError,
        fmt::format("{} dòng trỏ tới dòng không tồn tại (đầu tiên: {})",
                    i.foreign_key_problems.size(), i.foreign_key_problems.front()),
        fmt::format("{} rows point at rows that do not exist (first: {})",
                    i.foreign_key_problems.size(), i.foreign_key_problems.front()),
        "Khôi phục bản sao lưu tốt gần nhất bằng \"lienket restore TỆP\", hoặc gửi kết quả "
        "\"lienket doctor --json\" cho người phát triển",
        "Restore the latest good backup with \"lienket restore FILE\", or send the output of "
        "\"lienket doctor --json\" to the developers"));
  }

  std::int64_t units = i.units.value_or(0), regions = i.regions.value_or(0),
               indicators = i.indicators.value_or(0);
  if (units > 0 && regions > 0 && indicators > 0) {
    checks->push_back(Ok(
        "reference_data",
        fmt::format("Dữ liệu tham chiếu: {} đơn vị, {} vùng, {} chỉ tiêu", units, regions,
                    indicators),
        fmt::format("Reference data: {} units, {} regions, {} indicators", units, regions,
                    indicators)));
  } else if (units == 0) {
    checks->push_back(Finding(
        "reference_data", DoctorSeverity::kError,
        "Chưa có dữ liệu tham chiếu (đơn vị hành chính, vùng, chỉ tiêu)",
        "The reference data (units, regions, indicators) is missing",
        fmt::format("Nạp bằng \"lienket --db {} init\"", db),
        fmt::format("Load it with \"lienket --db {} init\"", db)));
  } else {
    checks->push_back(Finding(
        "reference_data", DoctorSeverity::kError,
        fmt::format("Dữ liệu tham chiếu thiếu một phần: {} đơn vị, {} vùng, {} chỉ tiêu", units,
                    regions, indicators),
        fmt::format("The reference data is incomplete: {} units, {} regions, {} indicators", units,
                    regions, indicators),
        "Khôi phục bản sao lưu gần nhất bằng \"lienket restore TỆP\"",
        "Restore the latest backup with \"lienket restore FILE\""));
  }

  std::string add_admin_vi = fmt::format(
      "Tạo bằng \"lienket --db {} user add --role admin --login TÊN --name 'Họ tên'\"", db);
  std::string add_admin_en = fmt::format(
      "Create one with \"lienket --db {} user add --role admin --login NAME --name 'Full "
      "name'\"",
      db);
  if (!i.active_admins) {
    checks->push_back(Finding("admin", DoctorSeverity::kWarning,
                              "Chưa có bảng tài khoản (lược đồ cũ): chưa có quản trị viên",
                              "No accounts table yet (an older schema): no administrator",
                              "Sau khi nâng cấp: " + add_admin_vi,
                              "After the migration: " + add_admin_en));
  } else if (*i.active_admins == 0) {
    checks->push_back(Finding(
        "admin", DoctorSeverity::kWarning,
        "Không có tài khoản quản trị nào đang hoạt động: không ai quản lý được người dùng",
        "No active administrator account: nobody can manage the users", add_admin_vi,
        add_admin_en));
  } else {
    checks->push_back(Ok("admin",
                         fmt::format("{} tài khoản quản trị đang hoạt động", *i.active_admins),
                         fmt::format("{} active administrator account(s)", *i.active_admins)));
  }
}

void CheckDataFiles(std::vector<DoctorCheck>* checks) {
  auto file = [](std::string_view path) {
    return store::FindEmbedded(path).value_or(std::string_view());
  };
  stats::ReferenceFiles files{file("data/units.csv"),           file("data/unit_aliases.csv"),
                              file("data/unit_succession.csv"), file("data/unit_profile.csv"),
                              file("data/regions.csv"),         file("data/region_members.csv"),
                              file("data/indicators.csv"),      file("data/indicator_bases.csv")};
  auto reference = stats::ParseReferenceData(files);
  auto forms = stats::ParseReportForms(file("data/report_forms.csv"));
  const char* advice_vi = "Chương trình bị hỏng: hãy cài lại lienket";
  const char* advice_en = "The program is damaged: reinstall lienket";
  if (!reference) {
    checks->push_back(Finding("data_files", DoctorSeverity::kError, reference.error().message_vi,
                              reference.error().message_en, advice_vi, advice_en));
  } else if (!forms) {
    checks->push_back(Finding("data_files", DoctorSeverity::kError, forms.error().message_vi,
                              forms.error().message_en, advice_vi, advice_en));
  } else if (reference->units.empty() || reference->regions.empty() ||
             reference->indicators.empty() || forms->empty()) {
    checks->push_back(Finding("data_files", DoctorSeverity::kError,
                              "Tệp dữ liệu đi kèm chương trình bị trống",
                              "A data file shipped in the program is empty", advice_vi,
                              advice_en));
  } else {
    checks->push_back(Ok(
        "data_files",
        fmt::format("Tệp dữ liệu trong chương trình đọc được: {} đơn vị, {} vùng, {} chỉ tiêu, {} "
                    "biểu mẫu báo cáo",
                    reference->units.size(), reference->regions.size(),
                    reference->indicators.size(), forms->size()),
        fmt::format("The data files in the program parse: {} units, {} regions, {} indicators, "
                    "{} report forms",
                    reference->units.size(), reference->regions.size(),
                    reference->indicators.size(), forms->size())));
  }
}

void CheckWebRoot(const DoctorOptions& o, std::vector<DoctorCheck>* checks) {
  std::error_code ec;
  const std::string& root = o.web_root;
  const char* advice_vi =
      "Cài lại gói lienket, hoặc chỉ thư mục web/ bằng --web-root hay biến LIENKET_WEB_ROOT";
  const char* advice_en =
      "Reinstall the lienket package, or point --web-root or LIENKET_WEB_ROOT at the web/ folder";
  if (root.empty() || !fs::is_directory(root, ec)) {
    checks->push_back(Finding("web_root", DoctorSeverity::kError,
                              fmt::format("Không có thư mục giao diện web \"{}\"", root),
                              fmt::format("The web front end's folder \"{}\" does not exist", root),
                              advice_vi, advice_en));
    return;
  }
  fs::path index = fs::path(root) / "static" / "index.html";
  if (!fs::is_regular_file(index, ec)) {
    checks->push_back(Finding("web_root", DoctorSeverity::kError,
                              fmt::format("Thiếu tệp \"{}\": trang web sẽ không mở được",
                                          index.string()),
                              fmt::format("\"{}\" is missing: the web pages will not open",
                                          index.string()),
                              advice_vi, advice_en));
    return;
  }
  checks->push_back(Ok("web_root", fmt::format("Thư mục giao diện web \"{}\" có đủ trang", root),
                       fmt::format("The web front end's folder \"{}\" has its pages", root)));
  // The path static_routes.cpp serves as /static/vendor/echarts.min.js.
  fs::path echarts = fs::path(root) / "node_modules" / "echarts" / "dist" / "echarts.min.js";
  if (fs::is_regular_file(echarts, ec)) {
    checks->push_back(Ok("echarts", "Thư viện biểu đồ ECharts có sẵn",
                         "The ECharts chart library is present"));
  } else {
    checks->push_back(Finding(
        "echarts", DoctorSeverity::kWarning,
        fmt::format("Thiếu \"{}\": bản đồ và biểu đồ sẽ không hiện", echarts.string()),
        fmt::format("\"{}\" is missing: maps and charts will not show", echarts.string()),
        "Chạy \"npm ci\" trong thư mục web/ (khi chạy từ mã nguồn) hoặc cài lại gói lienket",
        "Run \"npm ci\" in web/ (when running from source) or reinstall the lienket package"));
  }
}

void CheckDisk(const DoctorOptions& o, std::vector<DoctorCheck>* checks) {
  std::error_code ec;
  fs::path folder = fs::absolute(o.db_path, ec).parent_path();
  fs::space_info space = fs::space(folder, ec);
  if (ec) {
    checks->push_back(Finding(
        "disk_space", DoctorSeverity::kWarning,
        fmt::format("Không đo được dung lượng trống của \"{}\": {}", folder.string(), ec.message()),
        fmt::format("Cannot measure the free space of \"{}\": {}", folder.string(), ec.message()),
        "Kiểm tra thư mục chứa cơ sở dữ liệu có tồn tại không",
        "Check that the database's folder exists"));
    return;
  }
  if (space.available < o.min_free_bytes) {
    checks->push_back(Finding(
        "disk_space", DoctorSeverity::kWarning,
        fmt::format("Chỉ còn {} trống ở \"{}\"", Gigabytes(space.available, true),
                    folder.string()),
        fmt::format("Only {} free in \"{}\"", Gigabytes(space.available, false), folder.string()),
        "Giải phóng chỗ trống hoặc chuyển cơ sở dữ liệu sang ổ khác: nhập liệu và sao lưu cần "
        "chỗ (một bản sao lưu lớn bằng cơ sở dữ liệu)",
        "Free some space or move the database to another disk: imports and backups need room (a "
        "backup is as large as the database)"));
    return;
  }
  checks->push_back(Ok(
      "disk_space",
      fmt::format("Còn {} trống ở \"{}\"", Gigabytes(space.available, true), folder.string()),
      fmt::format("{} free in \"{}\"", Gigabytes(space.available, false), folder.string())));
}

void CheckPermissions(const DoctorOptions& o, std::vector<DoctorCheck>* checks) {
  struct stat st {};
  if (::stat(o.db_path.c_str(), &st) != 0) return;  // no file: the database check said so
  unsigned mode = st.st_mode & 0777;
  if ((st.st_mode & (S_IROTH | S_IWOTH)) != 0) {
    checks->push_back(Finding(
        "permissions", DoctorSeverity::kWarning,
        fmt::format("Mọi người dùng trên máy đều đọc được tệp cơ sở dữ liệu (quyền {:04o})", mode),
        fmt::format("Every user of this machine can read the database file (mode {:04o})", mode),
        fmt::format("Chạy \"chmod o-rwx {}\" (và cho các tệp -wal, -shm bên cạnh)", o.db_path),
        fmt::format("Run \"chmod o-rwx {}\" (and on the -wal and -shm files beside it)",
                    o.db_path)));
    return;
  }
  checks->push_back(Ok("permissions",
                       fmt::format("Người ngoài không đọc được tệp cơ sở dữ liệu (quyền {:04o})",
                                   mode),
                       fmt::format("Other users cannot read the database file (mode {:04o})",
                                   mode)));
}

std::string_view Label(DoctorSeverity s) {
  switch (s) {
    case DoctorSeverity::kOk:
      return "OK";
    case DoctorSeverity::kWarning:
      return "CẢNH BÁO (WARNING)";
    case DoctorSeverity::kError:
      return "LỖI (ERROR)";
  }
  return "?";
}

// Characters, not bytes, so that the columns line up with Vietnamese labels.
std::size_t DisplayWidth(std::string_view text) {
  std::size_t n = 0;
  for (char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace

std::string_view DoctorSeverityId(DoctorSeverity severity) {
  switch (severity) {
    case DoctorSeverity::kOk:
      return "ok";
    case DoctorSeverity::kWarning:
      return "warning";
    case DoctorSeverity::kError:
      return "error";
  }
  return "error";
}

std::vector<DoctorCheck> RunDoctor(const DoctorOptions& options) {
  std::vector<DoctorCheck> checks;
  CheckDatabase(options, &checks);
  CheckDataFiles(&checks);
  CheckWebRoot(options, &checks);
  if (!store::IsPostgresUrl(options.db_path)) {  // a file's folder and mode; not a server's
    CheckDisk(options, &checks);
    CheckPermissions(options, &checks);
  }
  return checks;
}

bool HasErrors(const std::vector<DoctorCheck>& checks) {
  for (const DoctorCheck& c : checks)
    if (c.severity == DoctorSeverity::kError) return true;
  return false;
}

void PrintDoctor(const std::vector<DoctorCheck>& checks, bool json, std::ostream& out) {
  int errors = 0, warnings = 0;
  for (const DoctorCheck& c : checks) {
    errors += c.severity == DoctorSeverity::kError ? 1 : 0;
    warnings += c.severity == DoctorSeverity::kWarning ? 1 : 0;
  }
  if (json) {
    nlohmann::json list = nlohmann::json::array();
    for (const DoctorCheck& c : checks) {
      list.push_back({{"id", c.id},
                      {"status", DoctorSeverityId(c.severity)},
                      {"message_vi", c.message_vi},
                      {"message_en", c.message_en},
                      {"advice_vi", c.advice_vi},
                      {"advice_en", c.advice_en}});
    }
    nlohmann::json doc = {
        {"ok", errors == 0}, {"errors", errors}, {"warnings", warnings}, {"checks", list}};
    out << doc.dump(2) << "\n";
    return;
  }
  constexpr std::size_t kLabelWidth = 20;
  for (const DoctorCheck& c : checks) {
    std::string_view label = Label(c.severity);
    out << label << std::string(kLabelWidth - DisplayWidth(label), ' ') << c.message_vi << " / "
        << c.message_en;
    if (!c.advice_vi.empty())
      out << " → Nên làm / What to do: " << c.advice_vi << " / " << c.advice_en;
    out << "\n";
  }
  out << fmt::format("Kết quả: {} lỗi, {} cảnh báo / Result: {} errors, {} warnings\n", errors,
                     warnings, errors, warnings);
}

}  // namespace lienket::app
