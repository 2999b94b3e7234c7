// RESIZE_BILINEAR, float32: each output pixel maps to input (y * scale, x * scale) (with
// half_pixel_centers: (y + 0.5) * scale - 0.5) and blends the 4 neighbours, clamped to the
// input. Quantized inputs (which TFLite interpolates in fixed point) are not implemented yet.
#include <algorithm>
#include <cmath>

#include "engine/kernels/internal/resize.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

// The source coordinate of output index v and its two neighbours, as TFLite computes them.
struct Taps {
  float pos;
  int32_t lo, hi;
  Taps(int32_t v, float scale, bool half_pixel_centers, int32_t in_size) {
    pos = half_pixel_centers ? (static_cast<float>(v) + 0.5f) * scale - 0.5f : static_cast<float>(v) * scale;
    lo = std::min(std::max(static_cast<int32_t>(std::floor(pos)), 0), in_size - 1);
    hi = std::min(static_cast<int32_t>(std::ceil(pos)), in_size - 1);
    hi = std::max(hi, 0);
  }
};

struct Bilinear {
  using Options = tflite::ResizeBilinearOptions;
  static constexpr bool kBothFlagsAllowed = false;
  static bool Supports(tflite::TensorType type) { return type == tflite::TensorType_FLOAT32; }

  static void Run(const Tensor& input, Tensor& output, const ResizeScales& s) {
    const int batches = input.shape[0], in_h = input.shape[1], in_w = input.shape[2], depth = input.shape[3];
    const int out_h = output.shape[1], out_w = output.shape[2];
    const float* x = input.data<float>();
    float* y = output.data<float>();
    auto at = [&](int n, int iy, int ix) { return x + ((static_cast<int64_t>(n) * in_h + iy) * in_w + ix) * depth; };
    for (int n = 0; n < batches; ++n) {
      for (int oy = 0; oy < out_h; ++oy) {
        const Taps ty(oy, s.height, s.half_pixel_centers, in_h);
        const float dy = ty.pos - static_cast<float>(ty.lo);
        for (int ox = 0; ox < out_w; ++ox) {
          const Taps tx(ox, s.width, s.half_pixel_centers, in_w);
          const float dx = tx.pos - static_cast<float>(tx.lo);
          const float *p00 = at(n, ty.lo, tx.lo), *p10 = at(n, ty.hi, tx.lo);
          const float *p01 = at(n, ty.lo, tx.hi), *p11 = at(n, ty.hi, tx.hi);
          float* out = y + ((static_cast<int64_t>(n) * out_h + oy) * out_w + ox) * depth;
          for (int c = 0; c < depth; ++c) {
            out[c] = p00[c] * (1 - dy) * (1 - dx) + p10[c] * dy * (1 - dx) + p01[c] * (1 - dy) * dx + p11[c] * dy * dx;
          }
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<Kernel> MakeResizeBilinear() { return Make<ResizeKernel<Bilinear>>(); }

}  // namespace litescope
