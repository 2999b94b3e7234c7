#include "quantization/dataset/classification.h"

#include <algorithm>
#include <fstream>

#include "engine/kernels/internal/element_type.h"

namespace litescope {

std::vector<Ranked> TopK(const Tensor& scores, int k) {
  std::vector<Ranked> all;
  const double scale = scores.quant.scale.size() == 1 ? scores.quant.scale[0] : 1.0;
  const double zero_point = scores.quant.zero_point.size() == 1 ? static_cast<double>(scores.quant.zero_point[0]) : 0.0;
  const bool quantized = scores.type != tflite::TensorType_FLOAT32 && scores.quant.scale.size() == 1;
  VisitElementType<float, int8_t, uint8_t, int16_t, int32_t>(scores.type, [&](auto tag) {
    const auto* v = scores.data<decltype(tag)>();
    for (int64_t i = 0; i < scores.elements(); ++i) {
      const double raw = static_cast<double>(v[i]);
      all.push_back({static_cast<int>(i), raw, quantized ? scale * (raw - zero_point) : raw});
    }
  });
  const size_t n = std::min(all.size(), static_cast<size_t>(std::max(k, 0)));
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n), all.end(),
                    [](const Ranked& a, const Ranked& b) { return a.raw > b.raw || (a.raw == b.raw && a.index < b.index); });
  all.resize(n);
  return all;
}

Result<std::vector<std::string>> LoadLabels(const std::string& path) {
  std::ifstream in(path);
  if (!in) return NotFound("cannot open the label file " + path);
  std::vector<std::string> labels;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    labels.push_back(line);
  }
  if (labels.empty()) return InvalidArgument("the label file " + path + " is empty");
  return labels;
}

}  // namespace litescope
