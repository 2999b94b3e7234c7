#include <gtest/gtest.h>

#include "tests/engine/kernels/data_movement_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: test helpers
using tflite::TensorType_FLOAT32;
using tflite::TensorType_INT32;

tflite::BuiltinOptionsUnion Mode(tflite::MirrorPadMode mode) {
  tflite::MirrorPadOptionsT o;
  o.mode = mode;
  return Options(o);
}

TEST(MirrorPad, ReflectsOrRepeatsTheEdge) {
  OpCase r("reflect", tflite::BuiltinOperator_MIRROR_PAD, Mode(tflite::MirrorPadMode_REFLECT));
  r.Input<float>(TensorType_FLOAT32, {3}, {1, 2, 3});
  r.ConstInput<int32_t>(TensorType_INT32, {1, 2}, {2, 2});
  r.Output(TensorType_FLOAT32, {7});
  EXPECT_EQ(RunValues<float>(r), (std::vector<float>{3, 2, 1, 2, 3, 2, 1}));

  OpCase s("symmetric", tflite::BuiltinOperator_MIRROR_PAD, Mode(tflite::MirrorPadMode_SYMMETRIC));
  s.Input<float>(TensorType_FLOAT32, {3}, {1, 2, 3});
  s.ConstInput<int32_t>(TensorType_INT32, {1, 2}, {3, 1});
  s.Output(TensorType_FLOAT32, {7});
  EXPECT_EQ(RunValues<float>(s), (std::vector<float>{3, 2, 1, 1, 2, 3, 3}));
}

TEST(MirrorPad, RejectsPaddingsLargerThanTheMirror) {
  OpCase c("too_much", tflite::BuiltinOperator_MIRROR_PAD, Mode(tflite::MirrorPadMode_REFLECT));
  c.Input<float>(TensorType_FLOAT32, {3}, {1, 2, 3});
  c.Input<int32_t>(TensorType_INT32, {1, 2}, {3, 0});
  c.Output(TensorType_FLOAT32, {6});
  ExpectRunError(c, "the paddings of dimension 0 (3, 0) exceed 2, the most REFLECT allows for size 3");
}

TEST(MirrorPad, MatchesTfliteOnRandomCases) {
  struct Case {
    tflite::TensorType type;
    Shape in;
    std::vector<int32_t> pads;
    tflite::MirrorPadMode mode;
  };
  const auto reflect = tflite::MirrorPadMode_REFLECT, symmetric = tflite::MirrorPadMode_SYMMETRIC;
  const Case cases[] = {
      {TensorType_FLOAT32, {3, 4}, {2, 1, 0, 3}, reflect},
      {TensorType_FLOAT32, {3, 4}, {3, 1, 4, 2}, symmetric},
      {TensorType_FLOAT32, {1, 5, 4, 2}, {0, 0, 2, 2, 1, 3, 0, 1}, reflect},
      {TensorType_FLOAT32, {2, 3, 3}, {1, 2, 3, 0, 2, 2}, symmetric},
      {TensorType_INT32, {5}, {4, 4}, reflect},
      {tflite::TensorType_INT64, {2, 2}, {1, 1, 2, 0}, symmetric},
      {tflite::TensorType_INT8, {4, 3}, {1, 3, 2, 2}, reflect},
      {tflite::TensorType_UINT8, {3, 2}, {0, 3, 1, 2}, symmetric},
  };
  CaseBatch batch;
  uint32_t seed = 1;
  for (const Case& k : cases) {
    OpCase& c = batch.Add("mirror_pad_" + std::to_string(batch.size()), tflite::BuiltinOperator_MIRROR_PAD, Mode(k.mode));
    RandomInput(c, k.type, k.in, seed++);
    c.ConstInput<int32_t>(TensorType_INT32, {static_cast<int32_t>(k.in.size()), 2}, k.pads);
    Shape out = k.in;
    for (size_t d = 0; d < out.size(); ++d) out[d] += k.pads[2 * d] + k.pads[2 * d + 1];
    c.Output(k.type, out);
  }
  batch.ExpectMatchesTflite();
}

}  // namespace
}  // namespace litescope
