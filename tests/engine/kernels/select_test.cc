#include <gtest/gtest.h>

#include "tests/engine/kernels/elementwise_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: the elementwise test helpers
using tflite::TensorType_FLOAT32;
constexpr auto kOp = tflite::BuiltinOperator_SELECT;
constexpr auto kBool = tflite::TensorType_BOOL;

std::unique_ptr<OpCase> SelectCase(const std::string& name, const Shape& sc, const Bools& c, const Shape& s,
                                   const Floats& x, const Floats& y, tflite::TensorType out_type = TensorType_FLOAT32) {
  auto op = std::make_unique<OpCase>(name, kOp);
  op->Input<uint8_t>(kBool, sc, c);
  op->Input<float>(TensorType_FLOAT32, s, x);
  op->Input<float>(TensorType_FLOAT32, s, y);
  op->Output(out_type, s);
  return op;
}

TEST(Select, HandComputed) {
  const Floats x{1, 2, 3, 4, 5, 6}, y{10, 20, 30, 40, 50, 60};
  auto same = SelectCase("same", {3, 2}, Bools{1, 0, 0, 1, 1, 0}, {3, 2}, x, y);
  EXPECT_EQ(RunValues<float>(*same), (Floats{1, 20, 30, 4, 5, 60}));
  auto rows = SelectCase("rows", {3}, Bools{1, 0, 1}, {3, 2}, x, y);  // 1-D: whole rows
  EXPECT_EQ(RunValues<float>(*rows), (Floats{1, 2, 30, 40, 5, 6}));
  auto scalar = SelectCase("scalar", {}, Bools{0}, {3, 2}, x, y);
  EXPECT_EQ(RunValues<float>(*scalar), y);
}

TEST(Select, PrepareErrors) {
  auto cond = SelectCase("cond", {3, 1}, Bools{1, 0, 1}, {3, 2}, Floats(6), Floats(6));
  ExpectError(*cond, "the condition must have x's shape, be a scalar, or be 1-D with x's first dimension");
  auto rows = SelectCase("rows", {2}, Bools{1, 0}, {3, 2}, Floats(6), Floats(6));
  ExpectError(*rows, "1-D with x's first dimension (condition [2], x [3, 2], y [3, 2])");
  auto out = SelectCase("out", {3}, Bools{1, 0, 1}, {3}, Floats(3), Floats(3), tflite::TensorType_INT32);
  ExpectError(*out, "the output is INT32; FLOAT32 (the type of x) expected");
  auto xy = std::make_unique<OpCase>("xy", kOp);
  xy->Input<uint8_t>(kBool, {2}, Bools{1, 0});
  xy->Input<float>(TensorType_FLOAT32, {2}, Floats(2));
  xy->Input<float>(TensorType_FLOAT32, {1}, Floats(1));
  xy->Output(TensorType_FLOAT32, {2});
  ExpectError(*xy, "x and y must have the same shape");
  auto not_bool = std::make_unique<OpCase>("not_bool", kOp);
  not_bool->Input<float>(TensorType_FLOAT32, {1}, Floats(1));
  not_bool->Input<float>(TensorType_FLOAT32, {1}, Floats(1));
  not_bool->Input<float>(TensorType_FLOAT32, {1}, Floats(1));
  not_bool->Output(TensorType_FLOAT32, {1});
  ExpectError(*not_bool, "the condition is FLOAT32; BOOL expected");
}

TEST(Select, MatchesTfliteOnRandomCases) {
  struct Shapes {
    Shape cond, x;
  };
  const Shapes shapes[] = {{{2, 3, 4}, {2, 3, 4}}, {{5}, {5, 3}}, {{4}, {4, 2, 3}}, {{}, {3, 2}}, {{7}, {7}}};
  std::vector<std::unique_ptr<OpCase>> cases;
  uint32_t seed = 1;
  for (tflite::TensorType type : {TensorType_FLOAT32, tflite::TensorType_INT32, tflite::TensorType_INT8,
                                  tflite::TensorType_UINT8, tflite::TensorType_INT16, kBool}) {
    for (const Shapes& s : shapes) {
      cases.push_back(RandomSelectCase(kOp, "select_" + std::to_string(seed), type, s.cond, s.x, s.x, s.x, seed));
      ++seed;
    }
  }
  ExpectAllMatchTflite(cases);
}

}  // namespace
}  // namespace litescope
