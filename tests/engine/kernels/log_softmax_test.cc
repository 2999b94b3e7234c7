#include <gtest/gtest.h>

#include "tests/engine/kernels/unary_test_util.h"

namespace litescope::testing {
namespace {

TEST(LogSoftmax, HandComputed) {
  // log(e^1 + e^2 + e^3) = 3.4076059644; each row is normalized on its own.
  auto c = UnaryCase<float>("hand", tflite::BuiltinOperator_LOG_SOFTMAX, tflite::TensorType_FLOAT32, {2, 3},
                            Floats{1, 2, 3, 101, 102, 103});
  ExpectNear(RunValues<float>(*c),
             {-2.4076059644f, -1.4076059644f, -0.4076059644f, -2.4076059644f, -1.4076059644f, -0.4076059644f}, 1e-5f);
}

TEST(LogSoftmax, RejectsScalarsAndOtherTypes) {
  auto scalar =
      UnaryCase<float>("scalar", tflite::BuiltinOperator_LOG_SOFTMAX, tflite::TensorType_FLOAT32, {}, Floats{1});
  ExpectError(*scalar, "needs an input of rank >= 1");
  auto i32 = UnaryCase<int32_t>("int32", tflite::BuiltinOperator_LOG_SOFTMAX, tflite::TensorType_INT32, {2}, Ints{1, 2},
                                tflite::TensorType_INT32);
  ExpectError(*i32, "only FLOAT32 is implemented so far");
}

TEST(LogSoftmax, MatchesTfliteOnRandomCases) {
  ExpectUnaryMatchesTflite({{.op = tflite::BuiltinOperator_LOG_SOFTMAX,
                             .lo = -10,
                             .hi = 10,
                             .shapes = {{1}, {7}, {2, 3}, {3, 5, 7}, {2, 3, 4, 5}, {1, 1, 1, 17}, {4, 1}}}});
}

}  // namespace
}  // namespace litescope::testing
