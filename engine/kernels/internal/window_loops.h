// The reference loop nest of windowed float ops with per-output-channel sums (CONV_2D,
// DEPTHWISE_CONV_2D): for every output element, the bias, then `tap` for every window position
// inside the input (padding is skipped, not multiplied), then the fused activation.
//
//   ForEachWindowSum(w_, range_, in_h, in_w, k_h, k_w, output.shape, b, y,
//                    [&](float& sum, int64_t n, int iy, int ix, int ky, int kx, int oc) { sum += ...; });
#pragma once

#include <cstdint>

#include "engine/kernels/internal/activation.h"
#include "engine/kernels/internal/window.h"
#include "engine/runtime/tensor.h"

namespace litescope {

template <typename Tap>
void ForEachWindowSum(const Window& w, const ActivationRange& range, int in_h, int in_w, int k_h, int k_w,
                      const Shape& out_shape, const float* bias, float* y, Tap tap) {
  const int batches = out_shape[0], out_h = out_shape[1], out_w = out_shape[2], out_c = out_shape[3];
  for (int64_t n = 0; n < batches; ++n) {
    for (int oy = 0; oy < out_h; ++oy) {
      for (int ox = 0; ox < out_w; ++ox) {
        for (int oc = 0; oc < out_c; ++oc) {
          float sum = bias ? bias[oc] : 0.0f;
          for (int ky = 0; ky < k_h; ++ky) {
            const int iy = oy * w.stride_h - w.pad_h + ky * w.dil_h;
            if (iy < 0 || iy >= in_h) continue;
            for (int kx = 0; kx < k_w; ++kx) {
              const int ix = ox * w.stride_w - w.pad_w + kx * w.dil_w;
              if (ix < 0 || ix >= in_w) continue;
              tap(sum, n, iy, ix, ky, kx, oc);
            }
          }
          y[((n * out_h + oy) * out_w + ox) * out_c + oc] = range.Apply(sum);
        }
      }
    }
  }
}

}  // namespace litescope
