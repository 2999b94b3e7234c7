// Number and text formatting the report writers share (not a public header).
#pragma once

#include <cmath>
#include <cstdio>
#include <string>

namespace litescope::report {

// `v` with `digits` decimals; "∞" / "−∞" / "–" for infinities and NaN (`ascii` gives inf, -inf, nan).
inline std::string Fixed(double v, int digits, bool ascii = false) {
  if (std::isnan(v)) return ascii ? "nan" : "–";
  if (std::isinf(v)) return v > 0 ? (ascii ? "inf" : "∞") : (ascii ? "-inf" : "−∞");
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

// `digits` significant digits, switching to exponent notation for very small or large values.
inline std::string Sig(double v, bool ascii = false, int digits = 4) {
  if (!std::isfinite(v)) return Fixed(v, 0, ascii);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", digits, v);
  return buf;
}

inline std::string Percent(double fraction) { return Fixed(100.0 * fraction, 1) + "%"; }

inline std::string Bytes(double b) {
  if (b < 1024) return Fixed(b, 0) + " B";
  if (b < 1024 * 1024) return Fixed(b / 1024, 1) + " KiB";
  return Fixed(b / (1024 * 1024), 2) + " MiB";
}

inline std::string FileName(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace litescope::report
