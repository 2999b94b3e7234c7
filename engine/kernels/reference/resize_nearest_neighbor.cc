// RESIZE_NEAREST_NEIGHBOR: float32, int8, uint8 and int16 (bytes are moved, so quantized tensors
// keep their quantization). Output index v reads input floor((v + offset) * scale), or the
// rounded value with align_corners, offset 0.5 with half_pixel_centers; clamped to the input.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "engine/kernels/internal/resize.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

int32_t Nearest(int32_t v, float scale, int32_t in_size, const ResizeScales& s) {
  const float pos = (static_cast<float>(v) + (s.half_pixel_centers ? 0.5f : 0.0f)) * scale;
  // std::round rounds halves away from zero, as TFLite's TfLiteRound.
  const int32_t i = static_cast<int32_t>(s.align_corners ? std::round(pos) : std::floor(pos));
  return std::max(std::min(i, in_size - 1), 0);
}

struct NearestNeighbor {
  using Options = tflite::ResizeNearestNeighborOptions;
  static constexpr bool kBothFlagsAllowed = true;
  static bool Supports(tflite::TensorType type) {
    return type == tflite::TensorType_FLOAT32 || type == tflite::TensorType_INT8 ||
           type == tflite::TensorType_UINT8 || type == tflite::TensorType_INT16;
  }

  static void Run(const Tensor& input, Tensor& output, const ResizeScales& s) {
    const int batches = input.shape[0], in_h = input.shape[1], in_w = input.shape[2];
    const int out_h = output.shape[1], out_w = output.shape[2];
    const size_t pixel = static_cast<size_t>(input.shape[3]) * ElementSize(input.type);
    std::vector<int32_t> cols(static_cast<size_t>(out_w));
    for (int ox = 0; ox < out_w; ++ox) cols[static_cast<size_t>(ox)] = Nearest(ox, s.width, in_w, s);
    const uint8_t* x = input.raw();
    uint8_t* y = output.raw();
    for (int n = 0; n < batches; ++n) {
      for (int oy = 0; oy < out_h; ++oy) {
        const int32_t iy = Nearest(oy, s.height, in_h, s);
        for (int ox = 0; ox < out_w; ++ox) {
          const int64_t src = (static_cast<int64_t>(n) * in_h + iy) * in_w + cols[static_cast<size_t>(ox)];
          const int64_t dst = (static_cast<int64_t>(n) * out_h + oy) * out_w + ox;
          std::memcpy(y + dst * static_cast<int64_t>(pixel), x + src * static_cast<int64_t>(pixel), pixel);
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<Kernel> MakeResizeNearestNeighbor() { return Make<ResizeKernel<NearestNeighbor>>(); }

}  // namespace litescope
