// DEPTHWISE_CONV_2D: the optimized kernel (3x3 stride 1/2 row kernel) against the reference
// loops, and the cases it leaves to them.
#include <gtest/gtest.h>

#include "tests/engine/conformance/conformance.h"

namespace litescope {
namespace {

using namespace testing;  // kSame, kRelu6, ..., WindowCase

bool Check(const WindowCase& g, uint32_t seed) {
  return CheckWindowCase(tflite::BuiltinOperator_DEPTHWISE_CONV_2D, g, seed);
}

TEST(DepthwiseConv2DConformance, FastPath3x3) {
  // Widths around the four-pixel step and the edges; channels around the eight-lane blocks.
  const WindowCase cases[] = {
      {1, 5, 5, 8, 8, 3, 3, 1, 1, 1, 1, kSame, kRelu6},
      {1, 1, 1, 3, 3, 3, 3, 1, 1, 1, 1, kSame, kNone},   // every tap but the centre is padding
      {1, 2, 2, 1, 1, 3, 3, 2, 2, 1, 1, kSame, kRelu},
      {2, 7, 9, 13, 13, 3, 3, 1, 1, 1, 1, kSame, kReluN1},
      {1, 8, 13, 17, 17, 3, 3, 2, 2, 1, 1, kSame, kRelu6},
      {1, 9, 12, 32, 32, 3, 3, 2, 1, 1, 1, kValid, kNone},
      {3, 6, 3, 7, 7, 3, 3, 1, 2, 1, 1, kValid, kRelu, false},
      {1, 3, 3, 70, 70, 3, 3, 1, 1, 1, 1, kValid, kRelu6},
      {1, 30, 31, 24, 24, 3, 3, 1, 1, 1, 1, kSame, kRelu6},   // parallel over rows
      {3, 40, 21, 40, 40, 3, 3, 2, 2, 1, 1, kSame, kRelu6},   // parallel chunks spanning images
  };
  uint32_t seed = 500;
  for (const WindowCase& g : cases) EXPECT_TRUE(Check(g, seed += 10));
}

TEST(DepthwiseConv2DConformance, ReferenceFallback) {
  const WindowCase cases[] = {
      {1, 7, 7, 4, 8, 3, 3, 1, 1, 1, 1, kSame, kRelu},    // multiplier 2
      {1, 9, 9, 5, 5, 3, 3, 1, 1, 2, 2, kSame, kNone},    // dilation 2
      {1, 9, 8, 6, 6, 5, 5, 1, 1, 1, 1, kSame, kRelu6},   // 5x5
      {1, 10, 10, 3, 3, 3, 3, 3, 3, 1, 1, kValid, kNone},  // stride 3
  };
  uint32_t seed = 700;
  for (const WindowCase& g : cases) EXPECT_TRUE(Check(g, seed += 10));
}

TEST(DepthwiseConv2DConformance, Random3x3) {
  CaseRandom r(11);
  int checked = 0;
  for (int i = 0; i < 50; ++i) {
    const int batch = r.Int(1, 3), h = r.Int(1, 20), w = r.Int(1, 20), c = r.Int(1, 40);
    WindowCase g{batch, h, w, c, c, 3, 3, r.Int(1, 2), r.Int(1, 2), 1, 1, r.Int(0, 1) ? kSame : kValid, r.Activation(),
                 r.Int(0, 3) != 0};
    if (Check(g, 2000 + static_cast<uint32_t>(i) * 10)) ++checked;
  }
  EXPECT_GT(checked, 30);
}

}  // namespace
}  // namespace litescope
