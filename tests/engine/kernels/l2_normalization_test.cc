#include <gtest/gtest.h>

#include "tests/engine/kernels/unary_test_util.h"

namespace litescope::testing {
namespace {

using tflite::BuiltinOperator_L2_NORMALIZATION;

tflite::BuiltinOptionsUnion Activation(tflite::ActivationFunctionType act) {
  tflite::L2NormOptionsT o;
  o.fused_activation_function = act;
  return Options(o);
}

TEST(L2Normalization, HandComputed) {
  // Rows [3, 4] and [0, 0]: the norm of the zero row is clamped to 1e-6, giving zeros.
  auto c = UnaryCase<float>("hand", BuiltinOperator_L2_NORMALIZATION, tflite::TensorType_FLOAT32, {2, 2},
                            Floats{3, 4, 0, 0});
  ExpectNear(RunValues<float>(*c), {0.6f, 0.8f, 0, 0});
  // A tiny row is divided by 1e-6, not by its own norm.
  auto tiny =
      UnaryCase<float>("tiny", BuiltinOperator_L2_NORMALIZATION, tflite::TensorType_FLOAT32, {2}, Floats{3e-7f, 4e-7f});
  ExpectNear(RunValues<float>(*tiny), {0.3f, 0.4f});
}

TEST(L2Normalization, RejectsBadRankActivationAndType) {
  auto rank5 = UnaryCase<float>("rank5", BuiltinOperator_L2_NORMALIZATION, tflite::TensorType_FLOAT32, {1, 1, 1, 1, 2},
                                Floats{1, 2});
  ExpectError(*rank5, "input rank 5 is above 4");
  auto relu = UnaryCase<float>("relu", BuiltinOperator_L2_NORMALIZATION, tflite::TensorType_FLOAT32, {2}, Floats{1, 2},
                               tflite::TensorType_FLOAT32, Activation(tflite::ActivationFunctionType_RELU));
  ExpectError(*relu, "fused activation RELU is not supported");
  auto i8 = UnaryCase<int8_t>("int8", BuiltinOperator_L2_NORMALIZATION, tflite::TensorType_INT8, {2},
                              std::vector<int8_t>{1, 2}, tflite::TensorType_INT8);
  ExpectError(*i8, "only FLOAT32 is implemented so far");
}

TEST(L2Normalization, MatchesTfliteOnRandomCases) {
  ExpectUnaryMatchesTflite({{.op = BuiltinOperator_L2_NORMALIZATION,
                             .options = [] { return Activation(tflite::ActivationFunctionType_NONE); },
                             .shapes = {{1}, {7}, {2, 3}, {3, 5, 7}, {2, 3, 4, 5}, {1, 1, 1, 17}, {4, 1}}}});
}

}  // namespace
}  // namespace litescope::testing
