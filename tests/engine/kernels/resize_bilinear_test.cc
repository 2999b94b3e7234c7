#include "tests/engine/kernels/resize_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: the shared resize helpers
using tflite::TensorType_FLOAT32;
constexpr auto kOp = tflite::BuiltinOperator_RESIZE_BILINEAR;
using Opts = tflite::ResizeBilinearOptionsT;

TEST(ResizeBilinear, HandComputedAlignCorners) {
  // scale (2 - 1) / (3 - 1) = 0.5: sources 0, 0.5, 1 on both axes.
  EXPECT_EQ((RunResize<Opts, float>(kOp, TensorType_FLOAT32, true, false, {1, 2, 2, 1}, {0, 1, 2, 3}, {3, 3})),
            (std::vector<float>{0, 0.5f, 1, 1, 1.5f, 2, 2, 2.5f, 3}));
}

TEST(ResizeBilinear, HandComputedDefaultClampsTheUpperNeighbour) {
  // scale 2 / 4: sources 0, 0.5, 1, 1.5; the neighbour of 1.5 is clamped to 1.
  EXPECT_EQ((RunResize<Opts, float>(kOp, TensorType_FLOAT32, false, false, {1, 1, 2, 1}, {0, 4}, {1, 4})),
            (std::vector<float>{0, 2, 4, 4}));
}

TEST(ResizeBilinear, HandComputedHalfPixelCenters) {
  // sources (x + 0.5) * 0.5 - 0.5 = -0.25, 0.25, 0.75, 1.25: clamped at both ends.
  EXPECT_EQ((RunResize<Opts, float>(kOp, TensorType_FLOAT32, false, true, {1, 1, 2, 1}, {0, 4}, {1, 4})),
            (std::vector<float>{0, 1, 3, 4}));
}

TEST(ResizeBilinear, PrepareRejectsBadInputs) {
  ExpectResizePrepareErrors<Opts>(kOp);
  OpCase both("both_flags", kOp, ResizeOptions<Opts>(true, true));
  both.Input<float>(TensorType_FLOAT32, {1, 2, 2, 1}, {1, 2, 3, 4});
  both.ConstInput<int32_t>(tflite::TensorType_INT32, {2}, {3, 3});
  both.Output(TensorType_FLOAT32, {1, 3, 3, 1});
  Result<std::vector<NpyArray>> out = both.RunOurs();
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("align_corners and half_pixel_centers cannot both be true"), std::string::npos);

  OpCase q("int8", kOp, ResizeOptions<Opts>(false, false));
  q.Input<int8_t>(tflite::TensorType_INT8, {1, 1, 2, 1}, {1, 2}, {{0.5f}, {0}});
  q.ConstInput<int32_t>(tflite::TensorType_INT32, {2}, {1, 4});
  q.Output(tflite::TensorType_INT8, {1, 1, 4, 1}, {{0.5f}, {0}});
  out = q.RunOurs();
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("INT8 input is not implemented"), std::string::npos) << out.status().message();
}

TEST(ResizeBilinear, MatchesTfliteOnRandomCases) {
  auto cases = ResizeCases<Opts, float>("bilinear_", kOp, TensorType_FLOAT32,
                                        [](size_t n, uint32_t s) { return RandomFloats(n, s); });
  ExpectResizeCasesMatchTflite(cases, 1e-5);
}

}  // namespace
}  // namespace litescope
