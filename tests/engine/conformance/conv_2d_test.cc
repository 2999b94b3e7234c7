// CONV_2D: the optimized kernel (packed GEMM, im2col) against the reference loops.
#include <gtest/gtest.h>

#include "tests/engine/conformance/conformance.h"

namespace litescope {
namespace {

using namespace testing;  // kSame, kRelu6, ..., WindowCase

bool Check(const WindowCase& g, uint32_t seed) { return CheckWindowCase(tflite::BuiltinOperator_CONV_2D, g, seed); }

TEST(Conv2DConformance, Pointwise) {
  // 1x1 stride 1: the GEMM reads the input in place. Rows and columns not multiples of 6 and 16.
  const WindowCase cases[] = {
      {1, 5, 7, 3, 5, 1, 1, 1, 1, 1, 1, kValid, kNone},
      {2, 4, 3, 17, 33, 1, 1, 1, 1, 1, 1, kSame, kRelu},
      {1, 1, 1, 64, 100, 1, 1, 1, 1, 1, 1, kSame, kRelu6},  // one row: GEMV
      {3, 2, 1, 16, 16, 1, 1, 1, 1, 1, 1, kValid, kReluN1},
      {1, 7, 7, 1100, 70, 1, 1, 1, 1, 1, 1, kSame, kRelu6, false},  // k > 1024: three passes over k
      {1, 28, 28, 32, 48, 1, 1, 1, 1, 1, 1, kSame, kRelu6},       // parallel, split by rows
      {1, 4, 4, 96, 200, 1, 1, 1, 1, 1, 1, kSame, kNone},         // parallel, split by columns
      {1, 3, 3, 8, 1, 1, 1, 1, 1, 3, 2, kValid, kRelu},           // dilation is moot for 1x1
  };
  uint32_t seed = 100;
  for (const WindowCase& g : cases) EXPECT_TRUE(Check(g, seed += 10));
}

TEST(Conv2DConformance, Im2col) {
  const WindowCase cases[] = {
      {1, 7, 9, 3, 5, 3, 3, 1, 1, 1, 1, kSame, kNone},
      {2, 8, 8, 4, 6, 3, 3, 2, 2, 1, 1, kSame, kRelu},
      {1, 11, 6, 2, 3, 5, 3, 2, 1, 1, 1, kValid, kRelu6},
      {1, 9, 9, 3, 4, 3, 3, 1, 1, 2, 2, kSame, kReluN1},
      {3, 6, 7, 5, 2, 2, 4, 3, 2, 1, 1, kValid, kNone},
      {1, 9, 10, 7, 17, 1, 1, 2, 3, 1, 1, kSame, kRelu, false},   // 1x1 stride 2
      {1, 3, 3, 13, 40, 3, 3, 1, 1, 1, 1, kValid, kRelu6},        // one output pixel: GEMV
      {1, 10, 10, 120, 20, 3, 3, 1, 1, 1, 1, kSame, kNone},       // k = 1080: three passes
      {1, 33, 31, 3, 32, 3, 3, 2, 2, 1, 1, kSame, kRelu6},        // MobileNet's first layer, small
      {2, 20, 20, 16, 24, 3, 3, 1, 1, 1, 1, kSame, kRelu},        // parallel by rows, im2col blocks
      {1, 5, 5, 64, 96, 3, 3, 1, 1, 1, 1, kSame, kRelu6},         // parallel by rows, 12 + 13 rows
      {1, 2, 2, 64, 96, 3, 3, 1, 1, 1, 1, kSame, kRelu},          // parallel by columns, whole im2col
      {1, 12, 12, 6, 10, 3, 5, 3, 1, 2, 3, kSame, kRelu, true, false},  // non-constant filter
      {1, 6, 6, 8, 12, 3, 3, 1, 1, 1, 1, kSame, kRelu, true, true, 2},  // grouped: the reference loops
  };
  uint32_t seed = 300;
  for (const WindowCase& g : cases) EXPECT_TRUE(Check(g, seed += 10));
}

TEST(Conv2DConformance, Random) {
  CaseRandom r(7);
  int checked = 0;
  for (int i = 0; i < 60; ++i) {
    WindowCase g{r.Int(1, 3), r.Int(1, 16), r.Int(1, 16), r.Int(1, 40), r.Int(1, 40), r.Int(1, 5), r.Int(1, 5),
               r.Int(1, 3), r.Int(1, 3), r.Int(1, 3), r.Int(1, 3), r.Int(0, 1) ? kSame : kValid, r.Activation(),
               r.Int(0, 3) != 0, r.Int(0, 5) != 0};
    if (Check(g, 1000 + static_cast<uint32_t>(i) * 10)) ++checked;
  }
  EXPECT_GT(checked, 30);
}

}  // namespace
}  // namespace litescope
