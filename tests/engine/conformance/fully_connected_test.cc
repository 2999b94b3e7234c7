// FULLY_CONNECTED: the optimized kernel (GEMV for one row, GEMM otherwise) against the reference.
#include <gtest/gtest.h>

#include "tests/engine/conformance/conformance.h"

namespace litescope {
namespace {

using testing::CaseRandom;
using testing::OpCase;
using testing::RandomFloats;
using tflite::TensorType_FLOAT32;

struct FcCase {
  Shape input;
  int units;
  tflite::ActivationFunctionType act;
  bool bias = true;
  bool keep_num_dims = false;
  bool const_weights = true;
};

void Check(const FcCase& g, uint32_t seed) {
  tflite::FullyConnectedOptionsT o;
  o.fused_activation_function = g.act;
  o.keep_num_dims = g.keep_num_dims;
  const int depth = g.input.back();
  const int64_t elements = ElementCount(g.input);
  const std::string name = "fc_" + std::to_string(seed) + "_" + ShapeString(g.input) + "_u" + std::to_string(g.units);
  OpCase c(name, tflite::BuiltinOperator_FULLY_CONNECTED, Options(o));
  c.Input<float>(TensorType_FLOAT32, g.input, RandomFloats(static_cast<size_t>(elements), seed));
  const std::vector<float> w = RandomFloats(static_cast<size_t>(g.units) * depth, seed + 1);
  if (g.const_weights) c.ConstInput<float>(TensorType_FLOAT32, {g.units, depth}, w);
  else c.Input<float>(TensorType_FLOAT32, {g.units, depth}, w);
  if (g.bias) c.ConstInput<float>(TensorType_FLOAT32, {g.units}, RandomFloats(static_cast<size_t>(g.units), seed + 2));
  else c.OmittedInput();
  Shape out = g.input;
  if (g.keep_num_dims) out.back() = g.units;
  else out = {static_cast<int32_t>(elements / depth), g.units};
  c.Output(TensorType_FLOAT32, out);
  testing::ExpectMatchesReference(c);
}

constexpr auto kNone = tflite::ActivationFunctionType_NONE;
constexpr auto kRelu = tflite::ActivationFunctionType_RELU;
constexpr auto kRelu6 = tflite::ActivationFunctionType_RELU6;
constexpr auto kReluN1 = tflite::ActivationFunctionType_RELU_N1_TO_1;

TEST(FullyConnectedConformance, Cases) {
  const FcCase cases[] = {
      {{1, 1024}, 1000, kNone},                // MobileNet's classifier: GEMV, k in passes of four
      {{1, 3}, 1, kRelu},                      // k not a multiple of four
      {{1, 37}, 17, kRelu6, false},            // one full panel and one column
      {{2, 10}, 16, kReluN1},
      {{5, 64}, 33, kRelu},                    // fewer rows than a tile
      {{6, 20}, 8, kNone},
      {{13, 1500}, 40, kRelu6},                // k > 1024: three passes
      {{2, 3, 24}, 7, kRelu, true, true},      // keep_num_dims
      {{4, 2, 9}, 5, kNone, true, false},      // flattened to [8, 9]
      {{3, 50}, 21, kRelu, true, false, false},  // non-constant weights
      {{96, 64}, 40, kRelu6},                  // parallel by rows
      {{4, 256}, 512, kNone},                  // parallel by columns
  };
  uint32_t seed = 900;
  for (const FcCase& g : cases) Check(g, seed += 10);
}

TEST(FullyConnectedConformance, Random) {
  CaseRandom r(13);
  for (int i = 0; i < 40; ++i) {
    FcCase g{{r.Int(1, 9), r.Int(1, 70)}, r.Int(1, 50), r.Activation(), r.Int(0, 3) != 0};
    Check(g, 3000 + static_cast<uint32_t>(i) * 10);
  }
}

}  // namespace
}  // namespace litescope
