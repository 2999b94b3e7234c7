// Test helpers for quantized kernels: per-tensor quantization parameters, and the comparison with
// real TFLite over owned cases. XNNPACK, which TFLite runs for many int8 and uint8 ops, may differ
// from TFLite's reference arithmetic by 1 LSB; the harness prints how many outputs differ.
//
//   c.Output(tflite::TensorType_INT8, {1, 4}, PerTensor(0.05f, -3));
//   ExpectMatchesTflite(cases, 1);  // "12 cases, 480 integer outputs, 3 differ from TFLite ..."
#pragma once

#include <memory>
#include <vector>

#include "tests/support/op_case.h"

namespace litescope::testing {

inline QuantParams PerTensor(float scale, int64_t zero_point) { return {.scale = {scale}, .zero_point = {zero_point}}; }

inline void ExpectMatchesTflite(const std::vector<std::unique_ptr<OpCase>>& owned, int max_lsb) {
  std::vector<OpCase*> all;
  for (const auto& c : owned) all.push_back(c.get());
  ExpectMatchesTflite(all, 0.0, max_lsb);
}

// Runs every case in our interpreter first (a failure names the case), then compares the float
// outputs with real TFLite within `float_tol`.
inline void ExpectRunsAndMatchesTflite(const std::vector<std::unique_ptr<OpCase>>& owned, double float_tol) {
  std::vector<OpCase*> all;
  for (const auto& c : owned) {
    Result<std::vector<NpyArray>> out = c->RunOurs();
    ASSERT_TRUE(out.ok()) << c->name() << ": " << out.status().message();
    all.push_back(c.get());
  }
  ExpectMatchesTflite(all, float_tol);
}

}  // namespace litescope::testing
