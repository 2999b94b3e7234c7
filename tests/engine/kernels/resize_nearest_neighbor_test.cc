#include "tests/engine/kernels/resize_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: the shared resize helpers
using tflite::TensorType_FLOAT32;
constexpr auto kOp = tflite::BuiltinOperator_RESIZE_NEAREST_NEIGHBOR;
using Opts = tflite::ResizeNearestNeighborOptionsT;

TEST(ResizeNearestNeighbor, HandComputedFlags) {
  const std::vector<float> in = {10, 20, 30};
  // scale 3 / 5: floor(0, 0.6, 1.2, 1.8, 2.4).
  EXPECT_EQ((RunResize<Opts, float>(kOp, TensorType_FLOAT32, false, false, {1, 1, 3, 1}, in, {1, 5})),
            (std::vector<float>{10, 10, 20, 20, 30}));
  // scale 2 / 4, rounded half away from zero: round(0, 0.5, 1, 1.5, 2).
  EXPECT_EQ((RunResize<Opts, float>(kOp, TensorType_FLOAT32, true, false, {1, 1, 3, 1}, in, {1, 5})),
            (std::vector<float>{10, 20, 20, 30, 30}));
  // floor((x + 0.5) * 0.6) = floor(0.3, 0.9, 1.5, 2.1, 2.7).
  EXPECT_EQ((RunResize<Opts, float>(kOp, TensorType_FLOAT32, false, true, {1, 1, 3, 1}, in, {1, 5})),
            (std::vector<float>{10, 10, 20, 30, 30}));
}

TEST(ResizeNearestNeighbor, MovesInt8Bytes) {
  EXPECT_EQ((RunResize<Opts, int8_t>(kOp, tflite::TensorType_INT8, false, false, {1, 2, 1, 1}, {-7, 9}, {4, 1})),
            (std::vector<int8_t>{-7, -7, 9, 9}));
}

TEST(ResizeNearestNeighbor, PrepareRejectsBadInputs) { ExpectResizePrepareErrors<Opts>(kOp); }

TEST(ResizeNearestNeighbor, MatchesTfliteOnRandomCases) {
  auto cases = ResizeCases<Opts, float>("nearest_", kOp, TensorType_FLOAT32,
                                        [](size_t n, uint32_t s) { return RandomFloats(n, s); });
  ExpectResizeCasesMatchTflite(cases, 0);
}

TEST(ResizeNearestNeighbor, MatchesTfliteOnRandomInt8Cases) {
  auto cases = ResizeCases<Opts, int8_t>("nearest_q_", kOp, tflite::TensorType_INT8,
                                         [](size_t n, uint32_t s) { return RandomInts<int8_t>(n, s, -128, 127); },
                                         QuantParams{{0.1f}, {-2}});
  ExpectResizeCasesMatchTflite(cases, 0);
}

}  // namespace
}  // namespace litescope
