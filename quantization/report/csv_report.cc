// The per-layer CSV: one row per compared layer, worst first, full precision.
#include "quantization/report/format.h"
#include "quantization/report/report.h"

namespace litescope {
namespace {

using report::Sig;

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

}  // namespace

std::string LayersCsv(const Comparison& c) {
  std::string s =
      "rank,tensor,float_tensor,op,op_index,matched_by,shape,elements,scale,rmse_over_scale,flagged,mean_error,"
      "mean_abs_error,max_abs_error,mse,rmse,snr_db,cosine\n";
  int rank = 1;
  for (const LayerComparison& l : c.layers) {
    const ErrorMetrics& e = l.error;
    s += std::to_string(rank++) + "," + CsvField(l.name) + "," + CsvField(l.float_name) + "," + l.op + "," +
         std::to_string(l.op_index) + "," + l.matched_by + "," + CsvField(ShapeString(l.shape)) + "," +
         std::to_string(l.elements) + "," + Sig(l.scale, true, 7) + "," +
         (l.scale > 0 ? Sig(l.rmse_over_scale, true, 7) : "") + "," + (l.flagged ? "1" : "0") + "," +
         Sig(e.mean_error, true, 7) + "," + Sig(e.mean_abs_error, true, 7) + "," +
         Sig(e.max_abs_error, true, 7) + "," + Sig(e.mse, true, 7) + "," + Sig(e.rmse, true, 7) + "," +
         report::Fixed(e.snr_db, 3, true) + "," + report::Fixed(e.cosine, 7, true) + "\n";
  }
  return s;
}

}  // namespace litescope
