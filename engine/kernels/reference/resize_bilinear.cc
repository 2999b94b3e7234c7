// RESIZE_BILINEAR: each output pixel maps to input (y * scale, x * scale) (with
// half_pixel_centers: (y + 0.5) * scale - 0.5) and blends the 4 neighbours, clamped to the input.
// FLOAT32 in float; INT8, UINT8 and INT16 on the raw values in TFLite's integer path
// (reference_ops::ResizeBilinearInteger): positions and weights in 1/1024 units, an int64 sum in
// 1/2^20 units rounded half away from zero. The output keeps the input's quantization.
#include <algorithm>
#include <cmath>

#include "engine/kernels/internal/element_type.h"
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
  static bool Supports(tflite::TensorType type) {
    return VisitElementType<float, int8_t, uint8_t, int16_t>(type, [](auto) {});
  }

  static void Run(const Tensor& input, Tensor& output, const ResizeScales& s) {
    if (input.type == tflite::TensorType_FLOAT32) return RunFloat(input, output, s);
    VisitElementType<int8_t, uint8_t, int16_t>(input.type, [&](auto tag) { RunInteger<decltype(tag)>(input, output, s); });
  }

  static void RunFloat(const Tensor& input, Tensor& output, const ResizeScales& s) {
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

  // in / out (or (in - 1) / (out - 1) with align_corners) in 1/1024 units, rounded.
  static int32_t Scale10(int32_t in, int32_t out, bool align_corners) {
    if (align_corners && out > 1) return ((1 << 10) * (in - 1) + (out - 1) / 2) / (out - 1);
    return ((1 << 10) * in + out / 2) / out;
  }

  template <typename T>
  static void RunInteger(const Tensor& input, Tensor& output, const ResizeScales& s) {
    const int batches = input.shape[0], in_h = input.shape[1], in_w = input.shape[2], depth = input.shape[3];
    const int out_h = output.shape[1], out_w = output.shape[2];
    const int32_t scale_h = Scale10(in_h, out_h, s.align_corners), scale_w = Scale10(in_w, out_w, s.align_corners);
    const T* x = input.data<T>();
    T* y = output.data<T>();
    auto at = [&](int n, int iy, int ix) { return x + ((static_cast<int64_t>(n) * in_h + iy) * in_w + ix) * depth; };
    for (int n = 0; n < batches; ++n) {
      for (int oy = 0; oy < out_h; ++oy) {
        const IntegerTaps ty(oy, scale_h, s.half_pixel_centers, in_h);
        for (int ox = 0; ox < out_w; ++ox) {
          const IntegerTaps tx(ox, scale_w, s.half_pixel_centers, in_w);
          const T *p00 = at(n, ty.lo, tx.lo), *p10 = at(n, ty.hi, tx.lo);
          const T *p01 = at(n, ty.lo, tx.hi), *p11 = at(n, ty.hi, tx.hi);
          T* out = y + ((static_cast<int64_t>(n) * out_h + oy) * out_w + ox) * depth;
          for (int c = 0; c < depth; ++c) {
            const int64_t sum = p00[c] * ty.w_lo * tx.w_lo + p10[c] * ty.w_hi * tx.w_lo + p01[c] * ty.w_lo * tx.w_hi +
                                p11[c] * ty.w_hi * tx.w_hi;
            const int64_t round = sum > 0 ? (int64_t{1} << 19) : -(int64_t{1} << 19);
            out[c] = static_cast<T>((sum + round) / (int64_t{1} << 20));
          }
        }
      }
    }
  }

  // The integer path's source position of output index v in 1/1024 units, its two neighbours and
  // their weights (1024 - frac, frac; the position is not clamped, so with half_pixel_centers the
  // first weights can fall outside [0, 1024], as in TFLite).
  struct IntegerTaps {
    int32_t lo, hi;
    int64_t w_lo, w_hi;
    IntegerTaps(int32_t v, int32_t scale_10, bool half_pixel_centers, int32_t in_size) {
      const int32_t pos = half_pixel_centers ? v * scale_10 + scale_10 / 2 - (1 << 9) : v * scale_10;
      lo = std::max(pos / (1 << 10), 0);
      hi = std::min((pos + (1 << 10) - 1) / (1 << 10), in_size - 1);
      w_hi = pos - (1 << 10) * lo;
      w_lo = (1 << 10) - w_hi;
    }
  };
};

}  // namespace

std::unique_ptr<Kernel> MakeResizeBilinear() { return Make<ResizeKernel<Bilinear>>(); }

}  // namespace litescope
