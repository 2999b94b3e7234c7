// CONV_2D, float32, as a packed GEMM: 1x1 stride-1 convolutions multiply the NHWC input in place;
// the others build im2col rows block by block in scratch memory owned by the kernel. INT8 and UINT8
// ones run the int8 GEMM (quantized_gemm.h), bit for bit the reference arithmetic. Grouped
// convolutions (and 16x8 ones) run the reference loops.
#include <new>
#include <vector>

#include "engine/kernels/internal/conv_2d.h"
#include "engine/kernels/internal/gemm_f32.h"
#include "engine/kernels/internal/quantized_gemm.h"
#include "engine/kernels/optimized/optimized_ops.h"

namespace litescope {
namespace {

class Conv2D : public ReferenceConv2D {
 public:
  Status Prepare(OpContext& ctx) override {
    LITESCOPE_RETURN_IF_ERROR(ReferenceConv2D::Prepare(ctx));
    const Shape& in = ctx.input(0)->shape;
    const Shape& f = ctx.input(1)->shape;
    g_ = ConvGeometry{in[0],       in[1],       in[2],    in[3],    f[1],     f[2],     w_.stride_h, w_.stride_w,
                      w_.dil_h, w_.dil_w, w_.pad_h, w_.pad_w, w_.out_h, w_.out_w};
    fast_i8_ = in[3] == f[3] && quantized_ && GemmI8Applies(ctx);
    if (fast_i8_) {
      return gemm_i8_.Prepare(ctx, ConvI8Quantization(quantized_conv_, *ctx.input(0)), f[0], f[1] * f[2] * f[3],
                              static_cast<int64_t>(in[0]) * w_.out_h * w_.out_w);
    }
    fast_ = in[3] == f[3] && !hybrid_ && !quantized_;
    if (!fast_) return Status::Ok();
    kernels_ = &FloatKernelsFor(SelectedCpuIsa());
    pointwise_ = f[1] == 1 && f[2] == 1 && w_.stride_h == 1 && w_.stride_w == 1;
    const int k = f[1] * f[2] * f[3];
    if (!packed_.Allocate(f[0], k)) return ctx.Error("out of memory for the packed weights");
    const Tensor* bias = ctx.input(2);
    constant_weights_ = ctx.input_is_constant(1) && (bias == nullptr || ctx.input_is_constant(2));
    if (constant_weights_) packed_.Pack(ctx.input(1)->data<float>(), bias ? bias->data<float>() : nullptr);
    const int64_t m = static_cast<int64_t>(in[0]) * w_.out_h * w_.out_w;
    const size_t scratch = GemmScratchFloats(PlanGemm(m, f[0], k, ctx.threads(), !pointwise_));
    try {
      scratch_.resize(scratch);
    } catch (const std::bad_alloc&) {
      return ctx.Error("out of memory for " + std::to_string(scratch * sizeof(float)) + " bytes of im2col scratch");
    }
    return Status::Ok();
  }

  Status Eval(OpContext& ctx) override {
    if (fast_i8_) {
      gemm_i8_.Eval(ctx, I8Rows(ctx.input(0)->raw(), g_));
      return Status::Ok();
    }
    if (!fast_) return ReferenceConv2D::Eval(ctx);
    const Tensor* bias = ctx.input(2);
    if (!constant_weights_) packed_.Pack(ctx.input(1)->data<float>(), bias ? bias->data<float>() : nullptr);
    const float* x = ctx.input(0)->data<float>();
    float* y = ctx.output(0)->data<float>();
    const int64_t m = static_cast<int64_t>(g_.batches) * g_.out_h * g_.out_w;
    if (pointwise_) {
      GemmF32(*kernels_, ctx.pool(), MatrixRows(x, m, g_.in_c, g_.in_c), packed_, range_, y, packed_.n(), nullptr);
    } else {
      GemmF32(*kernels_, ctx.pool(), Im2colRows(x, g_), packed_, range_, y, packed_.n(), scratch_.data());
    }
    return Status::Ok();
  }

 private:
  bool fast_ = false, pointwise_ = false, constant_weights_ = false, fast_i8_ = false;
  const FloatKernels* kernels_ = nullptr;
  ConvGeometry g_;
  PackedMatrix packed_;
  std::vector<float> scratch_;
  QuantizedGemm gemm_i8_;
};

}  // namespace

std::unique_ptr<Kernel> MakeOptimizedConv2D() { return Make<Conv2D>(); }

}  // namespace litescope
