// TRANSPOSE_CONV, float32, or quantized (INT8, UINT8, INT16 input) through QuantizedConv: inputs
// output_shape (INT32 [4]), weights OHWI, NHWC input, optional bias (INT64 for a 16x8 op, as
// TFLite requires). Every input pixel scatters input * filter into the output window it maps
// to. As in TFLite, the padding is the one a forward convolution from the OUTPUT size would use
// (so VALID can pad when the output is smaller than the filter), and the output_shape values
// decide the output size even where they disagree with input size and stride.
#include <algorithm>
#include <vector>

#include "engine/kernels/internal/activation.h"
#include "engine/kernels/internal/checks.h"
#include "engine/kernels/internal/padding.h"
#include "engine/kernels/internal/quantized_conv.h"
#include "engine/kernels/internal/value_shaped_output.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class TransposeConv : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override {
    if (ctx.input_count() != 3 && ctx.input_count() != 4) {
      return ctx.Error("needs 3 or 4 inputs (output_shape, weights, input, optional bias), got " +
                       std::to_string(ctx.input_count()));
    }
    const Tensor* shape = ctx.input(0);
    if (shape == nullptr || shape->type != tflite::TensorType_INT32 || shape->shape != Shape{4}) {
      return ctx.Error("the output_shape input must be INT32 of shape [4]");
    }
    quantized_ = IsQuantizedInput(ctx, 2);
    if (!quantized_) {
      LITESCOPE_RETURN_IF_ERROR(CheckFloat32(ctx, {1, 2, 3}));
      if (ctx.output(0)->type != tflite::TensorType_FLOAT32) return ctx.Error("the output must be FLOAT32");
    }
    LITESCOPE_RETURN_IF_ERROR(CheckRank(ctx, 1, 4));
    LITESCOPE_RETURN_IF_ERROR(CheckRank(ctx, 2, 4));
    const Shape& w = ctx.input(1)->shape;
    const Shape& in = ctx.input(2)->shape;
    if (w[3] != in[3]) {
      return ctx.Error("weights " + ShapeString(w) + " have " + std::to_string(w[3]) + " input channels, input " +
                       ShapeString(in) + " has " + std::to_string(in[3]));
    }
    if (w[1] < 1 || w[2] < 1) return ctx.Error("the filter must be at least 1x1, got " + ShapeString(w));
    LITESCOPE_RETURN_IF_ERROR(CheckBias(ctx, 3, w[0]));
    const auto* o = ctx.options<tflite::TransposeConvOptions>();
    if (o == nullptr) return ctx.Error("has no TransposeConvOptions");
    if (o->stride_h() < 1 || o->stride_w() < 1) {
      return ctx.Error("strides must be >= 1, got " + std::to_string(o->stride_h()) + "x" + std::to_string(o->stride_w()));
    }
    if (o->padding() != tflite::Padding_SAME && o->padding() != tflite::Padding_VALID) return ctx.Error("unknown padding");
    if (!GetActivationRange(o->fused_activation_function(), &range_)) return ctx.Error("unsupported fused activation");
    padding_ = o->padding();
    stride_h_ = o->stride_h();
    stride_w_ = o->stride_w();
    if (quantized_) {
      LITESCOPE_RETURN_IF_ERROR(quantized_conv_.Prepare(ctx, {.channel_dim = 0, .int16_takes_int32_bias = false},
                                                        range_, *ctx.input(2), *ctx.input(1), ctx.input(3),
                                                        *ctx.output(0)));
    }
    return PrepareValueShapedOutput(ctx, 0, [&](Shape* out) { return OutShape(ctx, out); });
  }

  Status Eval(OpContext& ctx) override {
    LITESCOPE_RETURN_IF_ERROR(EvalValueShapedOutput(ctx, 0, [&](Shape* out) { return OutShape(ctx, out); }));
    const Tensor& filter = *ctx.input(1);
    const Tensor& input = *ctx.input(2);
    const Tensor* bias = ctx.input(3);
    Tensor& output = *ctx.output(0);
    const int batches = input.shape[0], in_h = input.shape[1], in_w = input.shape[2], in_c = input.shape[3];
    const int out_c = filter.shape[0], k_h = filter.shape[1], k_w = filter.shape[2];
    const int out_h = output.shape[1], out_w = output.shape[2];
    const int pad_h = ComputePadding(stride_h_, 1, out_h, k_h, ComputeOutSize(padding_, out_h, k_h, stride_h_, 1));
    const int pad_w = ComputePadding(stride_w_, 1, out_w, k_w, ComputeOutSize(padding_, out_w, k_w, stride_w_, 1));
    if (quantized_) {
      const Window w{.stride_h = stride_h_, .stride_w = stride_w_, .pad_h = pad_h, .pad_w = pad_w};
      quantized_conv_.EvalTransposeConv(w, input, filter, bias, output, scratch_);
      return Status::Ok();
    }
    const float* x = input.data<float>();
    const float* w = filter.data<float>();
    float* y = output.data<float>();
    std::fill(y, y + output.elements(), 0.0f);
    for (int n = 0; n < batches; ++n) {
      for (int iy = 0; iy < in_h; ++iy) {
        for (int ix = 0; ix < in_w; ++ix) {
          const float* xp = x + ((static_cast<int64_t>(n) * in_h + iy) * in_w + ix) * in_c;
          for (int ky = 0; ky < k_h; ++ky) {
            const int oy = iy * stride_h_ - pad_h + ky;
            if (oy < 0 || oy >= out_h) continue;
            for (int kx = 0; kx < k_w; ++kx) {
              const int ox = ix * stride_w_ - pad_w + kx;
              if (ox < 0 || ox >= out_w) continue;
              float* yp = y + ((static_cast<int64_t>(n) * out_h + oy) * out_w + ox) * out_c;
              for (int oc = 0; oc < out_c; ++oc) {
                const float* wp = w + ((static_cast<int64_t>(oc) * k_h + ky) * k_w + kx) * in_c;
                float sum = 0.0f;
                for (int ic = 0; ic < in_c; ++ic) sum += xp[ic] * wp[ic];
                yp[oc] += sum;
              }
            }
          }
        }
      }
    }
    const float* b = bias ? bias->data<float>() : nullptr;
    const int64_t pixels = output.elements() / std::max(1, out_c);
    for (int64_t p = 0; p < pixels; ++p) {
      for (int oc = 0; oc < out_c; ++oc) y[p * out_c + oc] = range_.Apply(y[p * out_c + oc] + (b ? b[oc] : 0.0f));
    }
    return Status::Ok();
  }

 private:
  // The output shape from the output_shape values; batch and depth must agree with the others.
  Status OutShape(const OpContext& ctx, Shape* out) const {
    const int32_t* v = ctx.input(0)->data<int32_t>();
    out->assign(v, v + 4);
    const int32_t batch = ctx.input(2)->shape[0], depth = ctx.input(1)->shape[0];
    if ((*out)[0] != batch || (*out)[3] != depth || (*out)[1] < 0 || (*out)[2] < 0) {
      return ctx.Error("output_shape " + ShapeString(*out) + " must be [" + std::to_string(batch) +
                       " (the input batch), height >= 0, width >= 0, " + std::to_string(depth) +
                       " (the weights' output channels)]");
    }
    return Status::Ok();
  }

  tflite::Padding padding_ = tflite::Padding_SAME;
  int stride_h_ = 1, stride_w_ = 1;
  ActivationRange range_;
  bool quantized_ = false;
  QuantizedConv quantized_conv_;
  std::vector<int64_t> scratch_;  // the quantized sums, one per output element
};

}  // namespace

std::unique_ptr<Kernel> MakeTransposeConv() { return Make<TransposeConv>(); }

}  // namespace litescope
