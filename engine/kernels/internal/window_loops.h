// The reference loop nest of windowed ops with per-output-channel sums (CONV_2D,
// DEPTHWISE_CONV_2D, the hybrid CONV_2D): for every output element, the bias, then `tap` for every
// window position inside the input (padding is skipped, not multiplied), then the fused activation.
//
//   ForEachWindowSum(w_, range_, in_h, in_w, k_h, k_w, output.shape, b, y,
//                    [&](float& sum, int64_t n, int iy, int ix, int ky, int kx, int oc) { sum += ...; });
#pragma once

#include <cstdint>

#include "engine/kernels/internal/activation.h"
#include "engine/kernels/internal/window.h"
#include "engine/runtime/tensor.h"

namespace litescope {

// The loop nest itself, for any accumulator: for every output element (n, oy, ox, oc) in
// out_shape, acc = init(oc), then tap(acc, n, iy, ix, ky, kx, oc) for every window position inside
// the input, then store(acc, i, oc) with i the element's NHWC index.
template <typename Acc, typename Init, typename Tap, typename Store>
void ForEachWindow(const Window& w, int in_h, int in_w, int k_h, int k_w, const Shape& out_shape, Init init, Tap tap,
                   Store store) {
  const int batches = out_shape[0], out_h = out_shape[1], out_w = out_shape[2], out_c = out_shape[3];
  for (int64_t n = 0; n < batches; ++n) {
    for (int oy = 0; oy < out_h; ++oy) {
      for (int ox = 0; ox < out_w; ++ox) {
        for (int oc = 0; oc < out_c; ++oc) {
          Acc acc = init(oc);
          for (int ky = 0; ky < k_h; ++ky) {
            const int iy = oy * w.stride_h - w.pad_h + ky * w.dil_h;
            if (iy < 0 || iy >= in_h) continue;
            for (int kx = 0; kx < k_w; ++kx) {
              const int ix = ox * w.stride_w - w.pad_w + kx * w.dil_w;
              if (ix < 0 || ix >= in_w) continue;
              tap(acc, n, iy, ix, ky, kx, oc);
            }
          }
          store(acc, ((n * out_h + oy) * out_w + ox) * out_c + oc, oc);
        }
      }
    }
  }
}

template <typename Tap>
void ForEachWindowSum(const Window& w, const ActivationRange& range, int in_h, int in_w, int k_h, int k_w,
                      const Shape& out_shape, const float* bias, float* y, Tap tap) {
  ForEachWindow<float>(
      w, in_h, in_w, k_h, k_w, out_shape, [&](int oc) { return bias ? bias[oc] : 0.0f; }, tap,
      [&](float sum, int64_t i, int) { y[i] = range.Apply(sum); });
}

}  // namespace litescope
