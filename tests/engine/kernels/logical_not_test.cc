#include <gtest/gtest.h>

#include "tests/engine/kernels/elementwise_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: the elementwise test helpers
constexpr auto kOp = tflite::BuiltinOperator_LOGICAL_NOT;
constexpr auto kBool = tflite::TensorType_BOOL;

std::unique_ptr<OpCase> NotCase(const std::string& name, tflite::TensorType type, const Shape& shape, const Bools& x,
                                tflite::TensorType out_type) {
  auto c = std::make_unique<OpCase>(name, kOp);
  c->Input<uint8_t>(type, shape, x);
  c->Output(out_type, shape);
  return c;
}

TEST(LogicalNot, HandComputed) {
  auto c = NotCase("not", kBool, {2, 2}, Bools{0, 1, 2, 0}, kBool);  // any non-zero byte is true
  EXPECT_EQ(RunValues<uint8_t>(*c), (Bools{1, 0, 0, 1}));
}

TEST(LogicalNot, PrepareErrors) {
  auto in = NotCase("uint8", tflite::TensorType_UINT8, {1}, Bools{1}, kBool);
  ExpectError(*in, "the input is UINT8; BOOL expected");
  auto out = NotCase("out", kBool, {1}, Bools{1}, tflite::TensorType_UINT8);
  ExpectError(*out, "the output is UINT8; BOOL expected");
}

TEST(LogicalNot, MatchesTfliteOnRandomCases) {
  std::vector<std::unique_ptr<OpCase>> cases;
  uint32_t seed = 1;
  for (const Shape& s : std::vector<Shape>{{}, {7}, {2, 3, 5}, {3, 1, 4, 2}, {2, 1, 3, 2, 2}}) {
    cases.push_back(NotCase("not_" + std::to_string(seed), kBool, s,
                            RandomInts<uint8_t>(static_cast<size_t>(ElementCount(s)), seed, 0, 1), kBool));
    ++seed;
  }
  ExpectAllMatchTflite(cases);
}

}  // namespace
}  // namespace litescope
