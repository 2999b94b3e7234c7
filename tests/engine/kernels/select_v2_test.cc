#include <gtest/gtest.h>

#include "tests/engine/kernels/elementwise_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: the elementwise test helpers
using tflite::TensorType_FLOAT32;
constexpr auto kOp = tflite::BuiltinOperator_SELECT_V2;
constexpr auto kBool = tflite::TensorType_BOOL;

TEST(SelectV2, HandComputedBroadcastsAllThree) {
  auto c = std::make_unique<OpCase>("broadcast", kOp);
  c->Input<uint8_t>(kBool, {2, 1}, Bools{1, 0});
  c->Input<int32_t>(tflite::TensorType_INT32, {3}, Ints{1, 2, 3});
  c->Input<int32_t>(tflite::TensorType_INT32, {}, Ints{9});
  c->Output(tflite::TensorType_INT32, {2, 3});
  EXPECT_EQ(RunValues<int32_t>(*c), (Ints{1, 2, 3, 9, 9, 9}));
}

TEST(SelectV2, PrepareErrors) {
  auto c = std::make_unique<OpCase>("shapes", kOp);
  c->Input<uint8_t>(kBool, {2}, Bools{1, 0});
  c->Input<float>(TensorType_FLOAT32, {3}, Floats(3));
  c->Input<float>(TensorType_FLOAT32, {3}, Floats(3));
  c->Output(TensorType_FLOAT32, {3});
  ExpectError(*c, "the shapes (condition [2], x [3], y [3]) do not broadcast");
  auto t = std::make_unique<OpCase>("types", kOp);
  t->Input<uint8_t>(kBool, {1}, Bools{1});
  t->Input<float>(TensorType_FLOAT32, {1}, Floats(1));
  t->Input<int32_t>(tflite::TensorType_INT32, {1}, Ints(1));
  t->Output(TensorType_FLOAT32, {1});
  ExpectError(*t, "x is FLOAT32 and y is INT32; they must have the same type");
}

TEST(SelectV2, MatchesTfliteOnRandomCases) {
  struct Shapes {
    Shape cond, x, y, out;
  };
  const Shapes shapes[] = {{{2, 3, 4}, {2, 3, 4}, {2, 3, 4}, {2, 3, 4}},
                           {{3, 1}, {1, 4}, {}, {3, 4}},
                           {{}, {2, 5}, {5}, {2, 5}},
                           {{2, 1, 3}, {4, 1}, {2, 4, 1}, {2, 4, 3}},
                           {{5}, {3, 1}, {1, 5}, {3, 5}},
                           {{1, 2, 1, 3}, {2, 1, 1, 1}, {3}, {2, 2, 1, 3}}};
  std::vector<std::unique_ptr<OpCase>> cases;
  uint32_t seed = 50;
  for (tflite::TensorType type : {TensorType_FLOAT32, tflite::TensorType_INT32, tflite::TensorType_INT8,
                                  tflite::TensorType_UINT8, tflite::TensorType_INT16, kBool}) {
    for (const Shapes& s : shapes) {
      cases.push_back(RandomSelectCase(kOp, "select_v2_" + std::to_string(seed), type, s.cond, s.x, s.y, s.out, seed));
      ++seed;
    }
  }
  ExpectAllMatchTflite(cases);
}

}  // namespace
}  // namespace litescope
