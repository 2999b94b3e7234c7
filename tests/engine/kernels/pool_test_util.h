// Options and random cases shared by the tests of AVERAGE_POOL_2D, MAX_POOL_2D and L2_POOL_2D.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/op_case.h"

namespace litescope::testing {

inline tflite::BuiltinOptionsUnion Pool(tflite::Padding padding, int stride_h, int stride_w, int k_h, int k_w,
                                        tflite::ActivationFunctionType act = tflite::ActivationFunctionType_NONE) {
  tflite::Pool2DOptionsT o;
  o.padding = padding;
  o.stride_h = stride_h;
  o.stride_w = stride_w;
  o.filter_height = k_h;
  o.filter_width = k_w;
  o.fused_activation_function = act;
  return Options(o);
}

// Random inputs over five geometries (SAME and VALID, strides, batches, every fused activation),
// input and output with quantization `quant`; values(n, seed) makes the input elements of type T.
template <typename T>
std::vector<std::unique_ptr<OpCase>> PoolCases(const std::string& prefix, tflite::BuiltinOperator op,
                                               tflite::TensorType type,
                                               const std::function<std::vector<T>(size_t, uint32_t)>& values,
                                               const QuantParams& quant = {}) {
  struct Geometry {
    int batch, h, w, c, k_h, k_w, stride_h, stride_w;
    tflite::Padding padding;
    tflite::ActivationFunctionType act;
  };
  const Geometry geometries[] = {
      {1, 7, 9, 3, 3, 3, 2, 2, tflite::Padding_SAME, tflite::ActivationFunctionType_NONE},
      {2, 8, 8, 4, 2, 2, 2, 2, tflite::Padding_VALID, tflite::ActivationFunctionType_NONE},
      {1, 11, 6, 2, 5, 3, 2, 1, tflite::Padding_VALID, tflite::ActivationFunctionType_RELU6},
      {3, 5, 5, 5, 3, 2, 1, 3, tflite::Padding_SAME, tflite::ActivationFunctionType_RELU},
      {1, 6, 7, 1, 4, 4, 3, 3, tflite::Padding_SAME, tflite::ActivationFunctionType_RELU_N1_TO_1},
  };
  std::vector<std::unique_ptr<OpCase>> owned;
  uint32_t seed = 300;
  for (const Geometry& g : geometries) {
    auto c = std::make_unique<OpCase>(prefix + std::to_string(owned.size()), op,
                                      Pool(g.padding, g.stride_h, g.stride_w, g.k_h, g.k_w, g.act));
    c->template Input<T>(type, {g.batch, g.h, g.w, g.c}, values(static_cast<size_t>(g.batch * g.h * g.w * g.c), seed++), quant);
    const bool same = g.padding == tflite::Padding_SAME;
    const int out_h = same ? (g.h + g.stride_h - 1) / g.stride_h : (g.h - g.k_h + g.stride_h) / g.stride_h;
    const int out_w = same ? (g.w + g.stride_w - 1) / g.stride_w : (g.w - g.k_w + g.stride_w) / g.stride_w;
    c->Output(type, {g.batch, out_h, out_w, g.c}, quant);
    owned.push_back(std::move(c));
  }
  return owned;
}

inline void ExpectPoolCasesMatchTflite(const std::vector<std::unique_ptr<OpCase>>& owned, double float_tol) {
  std::vector<OpCase*> all;
  for (const auto& c : owned) {
    Result<std::vector<NpyArray>> ours = c->RunOurs();
    ASSERT_TRUE(ours.ok()) << c->name() << ": " << ours.status().message();
    all.push_back(c.get());
  }
  ExpectMatchesTflite(all, float_tol, 0);
}

}  // namespace litescope::testing
