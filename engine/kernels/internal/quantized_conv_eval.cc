// Quantized convolutions' loops (see quantized_conv.h), as TFLite's reference kernels run them:
// products of offset values summed in int32 (mostly int64 for 16x8), the bias added, then
// requantized per output channel.
#include <algorithm>

#include "engine/kernels/internal/quantized_conv.h"
#include "engine/kernels/internal/window_loops.h"

namespace litescope {
namespace {

// The bias of output channel oc: INT32, INT64, or 0 without one.
class BiasValues {
 public:
  explicit BiasValues(const Tensor* bias) {
    if (bias != nullptr && bias->type == tflite::TensorType_INT64) b64_ = bias->data<int64_t>();
    if (bias != nullptr && bias->type == tflite::TensorType_INT32) b32_ = bias->data<int32_t>();
  }
  template <typename Acc>
  Acc At(int oc) const {
    return static_cast<Acc>(b32_ ? b32_[oc] : b64_ ? b64_[oc] : 0);
  }

 private:
  const int32_t* b32_ = nullptr;
  const int64_t* b64_ = nullptr;
};

}  // namespace

template <typename F>
void QuantizedConv::VisitTypes(tflite::TensorType input_type, F f) const {
  switch (input_type) {
    case tflite::TensorType_INT8: f(int8_t{}, int8_t{}, int32_t{}); break;
    case tflite::TensorType_UINT8: f(uint8_t{}, uint8_t{}, int32_t{}); break;
    default:
      if (int64_sums_) {
        f(int16_t{}, int8_t{}, int64_t{});
      } else {
        f(int16_t{}, int8_t{}, int32_t{});
      }
  }
}

void QuantizedConv::EvalConv(const Window& w, const Tensor& input, const Tensor& filter, const Tensor* bias,
                             Tensor& output) const {
  VisitTypes(input.type, [&](auto in_tag, auto filter_tag, auto acc_tag) {
    using In = decltype(in_tag);
    using Acc = decltype(acc_tag);
    const int in_h = input.shape[1], in_w = input.shape[2], in_c = input.shape[3];
    const int out_c = filter.shape[0], k_h = filter.shape[1], k_w = filter.shape[2], f_c = filter.shape[3];
    const int per_group = out_c / (in_c / f_c);
    const In* x = input.data<In>();
    const auto* f = filter.data<decltype(filter_tag)>();
    In* y = output.data<In>();
    const BiasValues b(bias);
    const int32_t x_zp = input_q_.zero_point, f_zp = filter_zero_point_;
    ForEachWindow<Acc>(
        w, in_h, in_w, k_h, k_w, output.shape, [&](int oc) { return b.At<Acc>(oc); },
        [&](Acc& acc, int64_t n, int iy, int ix, int ky, int kx, int oc) {
          const In* xp = x + ((n * in_h + iy) * in_w + ix) * in_c + oc / per_group * f_c;
          const auto* fp = f + ((static_cast<int64_t>(oc) * k_h + ky) * k_w + kx) * f_c;
          for (int ic = 0; ic < f_c; ++ic) acc += (int32_t{xp[ic]} - x_zp) * (int32_t{fp[ic]} - f_zp);
        },
        [&](Acc acc, int64_t i, int oc) { y[i] = static_cast<In>(Requantize(acc, oc)); });
  });
}

void QuantizedConv::EvalDepthwise(const Window& w, const Tensor& input, const Tensor& filter, const Tensor* bias,
                                  Tensor& output) const {
  VisitTypes(input.type, [&](auto in_tag, auto filter_tag, auto acc_tag) {
    using In = decltype(in_tag);
    using Acc = decltype(acc_tag);
    const int in_h = input.shape[1], in_w = input.shape[2], in_c = input.shape[3];
    const int k_h = filter.shape[1], k_w = filter.shape[2], out_c = filter.shape[3];
    const int mult = out_c / in_c;
    const In* x = input.data<In>();
    const auto* f = filter.data<decltype(filter_tag)>();
    In* y = output.data<In>();
    const BiasValues b(bias);
    const int32_t x_zp = input_q_.zero_point, f_zp = filter_zero_point_;
    ForEachWindow<Acc>(
        w, in_h, in_w, k_h, k_w, output.shape, [&](int oc) { return b.At<Acc>(oc); },
        [&](Acc& acc, int64_t n, int iy, int ix, int ky, int kx, int oc) {
          const int32_t xv = int32_t{x[((n * in_h + iy) * in_w + ix) * in_c + oc / mult]} - x_zp;
          acc += xv * (int32_t{f[(static_cast<int64_t>(ky) * k_w + kx) * out_c + oc]} - f_zp);
        },
        [&](Acc acc, int64_t i, int oc) { y[i] = static_cast<In>(Requantize(acc, oc)); });
  });
}

void QuantizedConv::EvalTransposeConv(const Window& w, const Tensor& input, const Tensor& filter, const Tensor* bias,
                                      Tensor& output, std::vector<int64_t>& scratch) const {
  // The scratch sums in int64 for every type; TFLite's int32 ones (INT8, UINT8) wrap, which the
  // cast to Acc reproduces.
  scratch.assign(static_cast<size_t>(output.elements()), 0);
  VisitTypes(input.type, [&](auto in_tag, auto filter_tag, auto acc_tag) {
    using In = decltype(in_tag);
    using Acc = decltype(acc_tag);
    const int batches = input.shape[0], in_h = input.shape[1], in_w = input.shape[2], in_c = input.shape[3];
    const int out_c = filter.shape[0], k_h = filter.shape[1], k_w = filter.shape[2];
    const int out_h = output.shape[1], out_w = output.shape[2];
    const In* x = input.data<In>();
    const auto* f = filter.data<decltype(filter_tag)>();
    const int32_t x_zp = input_q_.zero_point, f_zp = filter_zero_point_;
    for (int64_t n = 0; n < batches; ++n) {
      for (int iy = 0; iy < in_h; ++iy) {
        for (int ix = 0; ix < in_w; ++ix) {
          const In* xp = x + ((n * in_h + iy) * in_w + ix) * in_c;
          for (int ky = 0; ky < k_h; ++ky) {
            const int oy = iy * w.stride_h - w.pad_h + ky;
            if (oy < 0 || oy >= out_h) continue;
            for (int kx = 0; kx < k_w; ++kx) {
              const int ox = ix * w.stride_w - w.pad_w + kx;
              if (ox < 0 || ox >= out_w) continue;
              int64_t* sp = scratch.data() + ((n * out_h + oy) * out_w + ox) * out_c;
              for (int oc = 0; oc < out_c; ++oc) {
                const auto* fp = f + ((static_cast<int64_t>(oc) * k_h + ky) * k_w + kx) * in_c;
                for (int ic = 0; ic < in_c; ++ic) sp[oc] += (int32_t{xp[ic]} - x_zp) * (int32_t{fp[ic]} - f_zp);
              }
            }
          }
        }
      }
    }
    const BiasValues b(bias);
    In* y = output.data<In>();
    for (size_t i = 0; i < scratch.size(); ++i) {
      const int oc = static_cast<int>(i % static_cast<size_t>(out_c));
      y[i] = static_cast<In>(Requantize(static_cast<Acc>(static_cast<Acc>(scratch[i]) + b.At<Acc>(oc)), oc));
    }
  });
}

}  // namespace litescope
