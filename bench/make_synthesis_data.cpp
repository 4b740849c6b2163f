// make_synthesis_data: writes the synthesis benchmark's data set (see synthesis_data.hpp) into a
// folder, once for lienket and once for DuckDB:
//
//   make_synthesis_data --out DIR
//
//   DIR/lienket.db         a lienket database: shipped reference data, the 60 synthetic
//                          indicators, 2,000,000 observations in one import batch
//   DIR/observations.csv   the same rows for DuckDB (unit_id,indicator_id,period,value,status,
//                          basis,as_of,dataset)
//   DIR/members.csv        region_key,unit_id: every region's members at the end of the period
//   DIR/indicators.csv     indicator_id,additive
//   DIR/manifest.json      rows, period, previous period, as_of, the nation's unit id, counts
// A one-line summary goes to standard error. Exit 0, or 1 with a message. About a minute.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "app/context.hpp"
#include "bench/synthesis_data.hpp"
#include "io/fs.hpp"

namespace {

using lienket::core::Period;

int Fail(std::string_view why) {
  std::cerr << "make_synthesis_data: " << why << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  namespace bench = lienket::bench;
  std::string out;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--out" && i + 1 < argc) {
      out = argv[++i];
    } else {
      return Fail("usage: make_synthesis_data --out DIR");
    }
  }
  if (out.empty()) return Fail("usage: make_synthesis_data --out DIR");
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  if (ec) return Fail("cannot create " + out + ": " + ec.message());

  const std::string db_path = out + "/lienket.db";
  if (auto created = bench::CreateSynthesisDatabase(db_path); !created) {
    return Fail(created.error().message_en);
  }
  auto context = lienket::app::Context::Open(db_path);
  if (!context) return Fail(context.error().message_en);
  auto data = bench::GenerateSynthesisData(context->units);
  if (!data) return Fail(data.error().message_en);

  lienket::stats::ImportBatch batch;
  batch.file_name = "bench/make_synthesis_data";
  batch.format = "generated";
  batch.dataset = std::string(lienket::stats::kDatasetObserved);
  batch.imported_by = "bench";
  batch.rows_read = static_cast<std::int64_t>(data->rows.size());
  if (auto written = context->store->InsertBatch(&batch, data->rows); !written) {
    return Fail(written.error().message_en);
  }

  const Period period = Period::Parse(bench::kSynthesisPeriod).value();
  std::vector<lienket::stats::Indicator> indicators = bench::SyntheticIndicators();
  const std::pair<std::string, std::string> files[] = {
      {"observations.csv", bench::ObservationsCsv(data->rows)},
      {"members.csv", bench::MembersCsv(context->regions, context->units, period.EndDate())},
      {"indicators.csv", bench::IndicatorsCsv(indicators)},
  };
  for (const auto& [name, text] : files) {
    if (auto written = lienket::io::WriteFileAtomically(out + "/" + name, text); !written) {
      return Fail(written.error().message_en);
    }
  }
  nlohmann::json manifest = {
      {"rows", data->rows.size()},
      {"provinces", data->province_ids.size()},
      {"indicators", indicators.size()},
      {"regions", context->regions.size()},
      {"missing_figures", data->missing_figures},
      {"missing_official", data->missing_official},
      {"period", period.Code()},
      {"previous_period", period.SamePeriodPreviousYear().Code()},
      {"as_of", std::string(bench::kSynthesisAsOf)},
      {"nation_unit_id", data->nation_id},
      {"basis", std::string(bench::kSynthesisBasis)},
  };
  if (auto written =
          lienket::io::WriteFileAtomically(out + "/manifest.json", manifest.dump(2) + "\n");
      !written) {
    return Fail(written.error().message_en);
  }
  std::cerr << fmt::format(
      "make_synthesis_data: {} rows ({} provinces + vn, {} indicators, {}..{}; {} figures missing, "
      "{} without official) -> {}\n",
      data->rows.size(), data->province_ids.size(), indicators.size(), bench::kSynthesisFirstYear,
      bench::kSynthesisLastYear, data->missing_figures, data->missing_official, out);
  return 0;
}
