// DEPTHWISE_CONV_2D, float32: 3x3 filters with stride 1 or 2, dilation 1 and depth multiplier 1
// (MobileNet's) run a vectorized row kernel over the pool; INT8 and UINT8 ones with depth
// multiplier 1 run QuantizedDepthwise (bit for bit the reference); everything else (hybrid
// included) runs the reference loops.
#include <algorithm>
#include <vector>

#include "engine/kernels/internal/depthwise_conv_2d.h"
#include "engine/kernels/internal/float_kernels.h"
#include "engine/kernels/internal/quantized_depthwise.h"
#include "engine/kernels/internal/quantized_gemm.h"
#include "engine/kernels/optimized/optimized_ops.h"

namespace litescope {
namespace {

// Output rows per chunk of work: enough multiply-adds to be worth a thread.
constexpr int64_t kMinMacsPerChunk = int64_t{1} << 16;

class DepthwiseConv2D : public ReferenceDepthwiseConv2D {
 public:
  Status Prepare(OpContext& ctx) override {
    LITESCOPE_RETURN_IF_ERROR(ReferenceDepthwiseConv2D::Prepare(ctx));
    const Shape& in = ctx.input(0)->shape;
    const Shape& f = ctx.input(1)->shape;
    fast_i8_ = quantized_ && GemmI8Applies(ctx) && f[3] == in[3] && ctx.input_is_constant(1) &&
               (ctx.input(2) == nullptr || ctx.input_is_constant(2));
    if (fast_i8_) {
      const ConvGeometry g{in[0],    in[1],    in[2],    in[3],    f[1],     f[2],     w_.stride_h, w_.stride_w,
                           w_.dil_h, w_.dil_w, w_.pad_h, w_.pad_w, w_.out_h, w_.out_w};
      const Tensor* bias = ctx.input(2);
      depthwise_i8_.Prepare(ConvI8Quantization(quantized_conv_, *ctx.input(0)), ctx.input(1)->raw(),
                            bias ? bias->data<int32_t>() : nullptr, g);
      return Status::Ok();
    }
    fast_ = !quantized_ && !hybrid_ && f[1] == 3 && f[2] == 3 && f[3] == in[3] && w_.dil_h == 1 && w_.dil_w == 1 &&
            w_.stride_h <= 2 && w_.stride_w <= 2;
    if (!fast_) return Status::Ok();
    kernels_ = &FloatKernelsFor(SelectedCpuIsa());
    if (ctx.input(2) == nullptr) zero_bias_.assign(static_cast<size_t>(in[3]), 0.0f);
    return Status::Ok();
  }

  Status Eval(OpContext& ctx) override {
    if (fast_i8_) {
      depthwise_i8_.Eval(ctx.pool(), ctx.input(0)->raw(), ctx.output(0)->raw());
      return Status::Ok();
    }
    if (!fast_) return ReferenceDepthwiseConv2D::Eval(ctx);
    const Tensor& input = *ctx.input(0);
    const Tensor* bias = ctx.input(2);
    Tensor& output = *ctx.output(0);
    Depthwise3x3Args d;
    d.in_h = input.shape[1];
    d.in_w = input.shape[2];
    d.channels = input.shape[3];
    d.w = ctx.input(1)->data<float>();
    d.bias = bias ? bias->data<float>() : zero_bias_.data();
    d.out_h = output.shape[1];
    d.out_w = output.shape[2];
    d.stride_h = w_.stride_h;
    d.stride_w = w_.stride_w;
    d.pad_h = w_.pad_h;
    d.pad_w = w_.pad_w;
    d.min = range_.min;
    d.max = range_.max;
    const int64_t in_image = static_cast<int64_t>(d.in_h) * d.in_w * d.channels;
    const int64_t out_image = static_cast<int64_t>(d.out_h) * d.out_w * d.channels;
    const int64_t rows = static_cast<int64_t>(input.shape[0]) * d.out_h;
    const int64_t row_macs = std::max<int64_t>(1, int64_t{9} * d.out_w * d.channels);
    // Chunks of rows over all images; a chunk may span two images.
    ctx.pool().ParallelFor(rows, std::max<int64_t>(1, kMinMacsPerChunk / row_macs), [&](int64_t begin, int64_t end) {
      for (int64_t r = begin; r < end;) {
        const int64_t image = r / d.out_h;
        const int64_t image_end = std::min(end, (image + 1) * d.out_h);
        Depthwise3x3Args part = d;
        part.x = input.data<float>() + image * in_image;
        part.y = output.data<float>() + image * out_image;
        part.row_begin = static_cast<int>(r - image * d.out_h);
        part.row_end = static_cast<int>(image_end - image * d.out_h);
        kernels_->depthwise_3x3(part);
        r = image_end;
      }
    });
    return Status::Ok();
  }

 private:
  bool fast_ = false, fast_i8_ = false;
  const FloatKernels* kernels_ = nullptr;
  std::vector<float> zero_bias_;
  QuantizedDepthwise depthwise_i8_;
};

}  // namespace

std::unique_ptr<Kernel> MakeOptimizedDepthwiseConv2D() { return Make<DepthwiseConv2D>(); }

}  // namespace litescope
