#include <gtest/gtest.h>

#include "tests/engine/kernels/data_movement_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: test helpers
using tflite::TensorType_FLOAT32;

tflite::BuiltinOptionsUnion Concat(int axis, tflite::ActivationFunctionType act = tflite::ActivationFunctionType_NONE) {
  tflite::ConcatenationOptionsT o;
  o.axis = axis;
  o.fused_activation_function = act;
  return Options(o);
}

TEST(Concatenation, JoinsAlongTheAxis) {
  OpCase c("axis1", tflite::BuiltinOperator_CONCATENATION, Concat(-1));
  c.Input<float>(TensorType_FLOAT32, {2, 2}, {1, 2, 3, 4});
  c.Input<float>(TensorType_FLOAT32, {2, 1}, {5, 6});
  c.Output(TensorType_FLOAT32, {2, 3});
  EXPECT_EQ(RunValues<float>(c), (std::vector<float>{1, 2, 5, 3, 4, 6}));

  OpCase relu6("relu6", tflite::BuiltinOperator_CONCATENATION, Concat(0, tflite::ActivationFunctionType_RELU6));
  relu6.Input<float>(TensorType_FLOAT32, {2}, {-1, 7});
  relu6.Input<float>(TensorType_FLOAT32, {1}, {3});
  relu6.Output(TensorType_FLOAT32, {3});
  EXPECT_EQ(RunValues<float>(relu6), (std::vector<float>{0, 6, 3}));
}

TEST(Concatenation, RejectsMismatchedInputs) {
  OpCase shape("shape", tflite::BuiltinOperator_CONCATENATION, Concat(0));
  shape.Input<float>(TensorType_FLOAT32, {2, 2}, Iota<float>(4));
  shape.Input<float>(TensorType_FLOAT32, {2, 3}, Iota<float>(6));
  shape.Output(TensorType_FLOAT32, {4, 2});
  ExpectRunError(shape, "input 1 has shape [2, 3], which does not concatenate with [2, 2] along axis 0");

  OpCase axis("axis", tflite::BuiltinOperator_CONCATENATION, Concat(2));
  axis.Input<float>(TensorType_FLOAT32, {2, 2}, Iota<float>(4));
  axis.Output(TensorType_FLOAT32, {2, 2});
  ExpectRunError(axis, "axis 2 is out of range for rank 2");

  OpCase quant("quant", tflite::BuiltinOperator_CONCATENATION, Concat(0));
  quant.Input<int8_t>(tflite::TensorType_INT8, {2}, {1, 2}, QuantParams{{0.5f}, {0}});
  quant.Input<int8_t>(tflite::TensorType_INT8, {2}, {1, 2}, QuantParams{{0.25f}, {0}});
  quant.Output(tflite::TensorType_INT8, {4}, QuantParams{{0.5f}, {0}});
  ExpectRunError(quant, "input 1 and the output have different quantization");

  OpCase act("int_act", tflite::BuiltinOperator_CONCATENATION, Concat(0, tflite::ActivationFunctionType_RELU));
  act.Input<int32_t>(tflite::TensorType_INT32, {2}, {1, 2});
  act.Output(tflite::TensorType_INT32, {2});
  ExpectRunError(act, "a fused activation needs FLOAT32 inputs");
}

// The TFLite oracle cannot check this: its XNNPACK delegate takes a UINT8 CONCATENATION whose
// inputs have other scales and copies the raw values ("Copy (NC, X8)"), unlike TFLite's own
// kernel. Arm NN (CpuRef) rescales as we do: on a random 3-input case its first values were 136,
// 137, 251 where we compute (105 - 97) * 0.051138 / 0.05 + 128 = 136.2 -> 136, ...
TEST(Concatenation, RescalesUint8Inputs) {
  // Output scale 0.5, zero point 10. Input 0 shares it (copied); input 1 (scale 0.25, zero point
  // 20): s = 0.5, q -> round(0.5 q - 10) + 10: 20 -> 10, 21 -> 10.5 -> 11, 25 -> 12.5 -> 13,
  // 255 -> 127.5 -> 128; input 2 (scale 2, zero point 0): q -> 4 q + 10, 100 -> 410 -> 255.
  OpCase c("uint8", tflite::BuiltinOperator_CONCATENATION, Concat(1));
  c.Input<uint8_t>(tflite::TensorType_UINT8, {2, 1}, {7, 200}, QuantParams{{0.5f}, {10}});
  c.Input<uint8_t>(tflite::TensorType_UINT8, {2, 2}, {20, 21, 25, 255}, QuantParams{{0.25f}, {20}});
  c.Input<uint8_t>(tflite::TensorType_UINT8, {2, 1}, {1, 100}, QuantParams{{2.0f}, {0}});
  c.Output(tflite::TensorType_UINT8, {2, 4}, QuantParams{{0.5f}, {10}});
  EXPECT_EQ(RunValues<uint8_t>(c), (std::vector<uint8_t>{7, 10, 11, 14, 200, 13, 128, 255}));
}

TEST(Concatenation, MatchesTfliteOnRandomCases) {
  struct Case {
    tflite::TensorType type;
    std::vector<Shape> in;
    int axis;
    tflite::ActivationFunctionType act;
  };
  // TFLite refuses any fused activation on CONCATENATION, so these cases compare without one.
  const auto none = tflite::ActivationFunctionType_NONE;
  const Case cases[] = {
      {TensorType_FLOAT32, {{2, 3, 4}, {2, 5, 4}, {2, 1, 4}}, 1, none},
      {TensorType_FLOAT32, {{3, 2}, {3, 7}}, -1, none},
      {TensorType_FLOAT32, {{1, 2, 2, 3}, {2, 2, 2, 3}}, 0, none},
      {TensorType_FLOAT32, {{2, 3, 2}, {2, 3, 1}}, 2, none},
      {TensorType_FLOAT32, {{5}, {1}, {3}, {2}}, 0, none},
      {tflite::TensorType_BOOL, {{2, 1}, {2, 2}}, -1, none},
      {tflite::TensorType_INT8, {{2, 3}, {2, 2}}, 1, none},
      {tflite::TensorType_UINT8, {{1, 3}, {4, 3}}, -2, none},
      {tflite::TensorType_INT16, {{3, 1, 2}, {3, 2, 2}}, 1, none},
      {tflite::TensorType_INT32, {{2, 2}, {2, 3}, {2, 1}}, 1, none},
      {tflite::TensorType_INT64, {{3}, {4}}, 0, none},
  };
  CaseBatch batch;
  uint32_t seed = 1;
  for (const Case& k : cases) {
    OpCase& c = batch.Add("concat_" + std::to_string(batch.size()), tflite::BuiltinOperator_CONCATENATION, Concat(k.axis, k.act));
    const QuantParams q = k.type == tflite::TensorType_INT16 ? QuantParams{{0.1f}, {0}} : QuantParams{{0.1f}, {3}};
    const bool quantized = k.type == tflite::TensorType_INT8 || k.type == tflite::TensorType_UINT8 ||
                           k.type == tflite::TensorType_INT16;
    Shape out = k.in[0];
    const size_t a = static_cast<size_t>(k.axis < 0 ? k.axis + static_cast<int>(out.size()) : k.axis);
    out[a] = 0;
    for (const Shape& s : k.in) {
      const bool constant = s.size() == 1 && seed % 2 == 0;  // 1-D parts alternate between constants and inputs
      RandomInput(c, k.type, s, seed++, constant, quantized ? q : QuantParams{});
      out[a] += s[a];
    }
    c.Output(k.type, out, quantized ? q : QuantParams{});
  }
  batch.ExpectMatchesTflite(1e-6);
}

}  // namespace
}  // namespace litescope
