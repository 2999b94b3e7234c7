#include "quantization/dataset/array_input.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "engine/kernels/internal/element_type.h"
#include "engine/model/tensor_type.h"
#include "quantization/dataset/real_values.h"

namespace litescope {
namespace {

bool IsFloat(tflite::TensorType t) { return t == tflite::TensorType_FLOAT32 || t == tflite::TensorType_FLOAT64; }

bool SameQuantization(const Quantization& a, const Quantization& b) {
  return a.scale == b.scale && a.zero_point == b.zero_point;
}

}  // namespace

Result<int> SamplesIn(const NpyArray& a, const InputSpec& input) {
  const std::string what = TensorTypeName(a.type) + ShapeString(a.shape);
  const std::string wanted = "input '" + input.name + "' is " + TensorTypeName(input.type) + ShapeString(input.shape);
  if (!IsFloat(a.type) && a.type != input.type) return InvalidArgument("holds " + what + ", " + wanted);
  if (a.shape == input.shape) return 1;
  const Shape& s = input.shape;
  const bool batch = a.shape.size() == s.size() + 1 && std::equal(s.begin(), s.end(), a.shape.begin() + 1);
  const bool leading = !s.empty() && s[0] == 1 && a.shape.size() == s.size() &&
                       std::equal(s.begin() + 1, s.end(), a.shape.begin() + 1);
  if ((batch || leading) && a.shape[0] > 0) return a.shape[0];
  return InvalidArgument("holds " + what + ", " + wanted + " (a batch of them is [N, ...])");
}

NpyArray SampleOf(const NpyArray& a, int k, const InputSpec& input) {
  const size_t bytes = static_cast<size_t>(ElementCount(input.shape)) * ElementSize(a.type);
  NpyArray one{a.type, input.shape, {}};
  const auto begin = a.data.begin() + static_cast<std::ptrdiff_t>(bytes * static_cast<size_t>(k));
  one.data.assign(begin, begin + static_cast<std::ptrdiff_t>(bytes));
  return one;
}

Status WriteReals(std::span<const float> values, Tensor& t) {
  if (static_cast<int64_t>(values.size()) != t.elements()) {
    return InvalidArgument("input '" + t.name + "' takes " + std::to_string(t.elements()) + " values, got " +
                           std::to_string(values.size()));
  }
  if (t.type == tflite::TensorType_FLOAT32) {
    std::copy(values.begin(), values.end(), t.data<float>());
    return Status::Ok();
  }
  const std::optional<std::pair<int, int>> range = QuantizedRange(t.type);
  if (!range || t.quant.scale.size() != 1 || !(t.quant.scale[0] > 0)) {
    return InvalidArgument("input '" + t.name + "' is " + TensorTypeName(t.type) +
                           " without one positive scale: real values cannot be written to it");
  }
  const double scale = t.quant.scale[0];
  const double zp = t.quant.zero_point.empty() ? 0.0 : static_cast<double>(t.quant.zero_point[0]);
  VisitElementType<int8_t, uint8_t, int16_t>(t.type, [&](auto tag) {
    using T = decltype(tag);
    T* out = t.data<T>();
    for (size_t i = 0; i < values.size(); ++i) {
      const double q = std::round(static_cast<double>(values[i]) / scale) + zp;
      out[i] = static_cast<T>(std::clamp(q, double(range->first), double(range->second)));
    }
  });
  return Status::Ok();
}

Status WriteArray(const NpyArray& a, const InputSpec& source, Tensor& t) {
  if (a.type == t.type && (!source.quantized() || SameQuantization(source.quant, t.quant)) &&
      a.data.size() == t.bytes()) {
    std::memcpy(t.raw(), a.data.data(), a.data.size());
    return Status::Ok();
  }
  if (!IsFloat(a.type) && !source.quantized()) {
    return InvalidArgument("a " + TensorTypeName(a.type) + " array cannot feed input '" + t.name + "' of type " +
                           TensorTypeName(t.type));
  }
  const Quantization none;
  std::optional<std::vector<float>> real =
      RealValues(a.type, a.data.data(), ElementCount(a.shape), IsFloat(a.type) ? none : source.quant, a.shape);
  if (!real) return InvalidArgument("a " + TensorTypeName(a.type) + " array holds no numbers");
  return WriteReals(*real, t);
}

}  // namespace litescope
