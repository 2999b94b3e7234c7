#include "tests/engine/kernels/elementwise_test_util.h"
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
}

TEST(ResizeBilinear, HandComputedInteger) {
  // Positions in 1/1024: scale (1024 * 2 + 2) / 4 = 512, so 0, 512, 1024, 1536. The middle of
  // {1, 2} is (1 * 512 + 2 * 512) * 1024 / 2^20 = 1.5, rounded half away from zero: 2 (-2 for
  // {-1, -2}). Float would give 1.5.
  const QuantParams q{{0.5f}, {0}};
  OpCase c("int8", kOp, ResizeOptions<Opts>(false, false));
  c.Input<int8_t>(tflite::TensorType_INT8, {1, 1, 4, 1}, {1, 2, -1, -2}, q);
  c.ConstInput<int32_t>(tflite::TensorType_INT32, {2}, {1, 8});
  c.Output(tflite::TensorType_INT8, {1, 1, 8, 1}, q);
  // scale (1024 * 4 + 4) / 8 = 512: the same positions over 4 inputs.
  EXPECT_EQ(RunValues<int8_t>(c), (std::vector<int8_t>{1, 2, 2, 1, -1, -2, -2, -2}));
}

// INT16 runs in TFLite's builtin integer kernel: exact. INT8 and UINT8 may run in XNNPACK, whose
// interpolation rounds differently: within 1 LSB.
TEST(ResizeBilinear, IntegerMatchesTflite) {
  auto i16 = ResizeCases<Opts, int16_t>("bilinear_i16_", kOp, tflite::TensorType_INT16,
                                        [](size_t n, uint32_t s) { return RandomInts<int16_t>(n, s, -32768, 32767); },
                                        QuantParams{{0.001f}, {0}});
  ExpectResizeCasesMatchTflite(i16, 0.0);
  for (tflite::TensorType type : {tflite::TensorType_INT8, tflite::TensorType_UINT8}) {
    const bool u8 = type == tflite::TensorType_UINT8;
    auto cases = ResizeCases<Opts, int8_t>(u8 ? "bilinear_u8_" : "bilinear_i8_", kOp, type,
                                           [&](size_t n, uint32_t s) {
                                             return RandomInts<int8_t>(n, s, u8 ? 0 : -128, 127);
                                           },
                                           QuantParams{{0.05f}, {u8 ? 100 : -3}});
    std::vector<OpCase*> all;
    for (const auto& c : cases) all.push_back(c.get());
    ExpectMatchesTflite(all, 0.0, 1);
  }
}

TEST(ResizeBilinear, MatchesTfliteOnRandomCases) {
  auto cases = ResizeCases<Opts, float>("bilinear_", kOp, TensorType_FLOAT32,
                                        [](size_t n, uint32_t s) { return RandomFloats(n, s); });
  ExpectResizeCasesMatchTflite(cases, 1e-5);
}

}  // namespace
}  // namespace litescope
