#include <gtest/gtest.h>

#include "tests/engine/kernels/elementwise_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: the elementwise test helpers
constexpr auto kOp = tflite::BuiltinOperator_LOGICAL_AND;
constexpr auto kBool = tflite::TensorType_BOOL;

TEST(LogicalAnd, HandComputed) {
  auto c = BinaryCase<uint8_t>("same", kOp, kBool, {4}, Bools{1, 1, 0, 0}, {4}, Bools{1, 0, 1, 0}, kBool, {4});
  EXPECT_EQ(RunValues<uint8_t>(*c), (Bools{1, 0, 0, 0}));
  auto b = BinaryCase<uint8_t>("broadcast", kOp, kBool, {2, 1}, Bools{1, 0}, {3}, Bools{1, 0, 1}, kBool, {2, 3});
  EXPECT_EQ(RunValues<uint8_t>(*b), (Bools{1, 0, 1, 0, 0, 0}));
}

TEST(LogicalAnd, PrepareErrors) {
  auto c = BinaryCase<float>("float", kOp, tflite::TensorType_FLOAT32, {1}, Floats{1}, {1}, Floats{1}, kBool, {1});
  ExpectError(*c, "input 0 is FLOAT32; supported: BOOL");
}

TEST(LogicalAnd, MatchesTfliteOnRandomCases) { ExpectRandomMatchTflite({{kOp, kBool, kBool, {}, 0, 1}}); }

}  // namespace
}  // namespace litescope
