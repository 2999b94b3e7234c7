// FULLY_CONNECTED, float32: the weights packed once; batch 1 is a GEMV over the packed panels,
// larger batches a GEMM on the input rows in place. INT8 and UINT8 inputs run the int8 GEMM
// (quantized_gemm.h), bit for bit the reference arithmetic.
#include "engine/kernels/internal/fully_connected.h"
#include "engine/kernels/internal/gemm_f32.h"
#include "engine/kernels/internal/quantized_gemm.h"
#include "engine/kernels/optimized/optimized_ops.h"

namespace litescope {
namespace {

class FullyConnected : public ReferenceFullyConnected {
 public:
  Status Prepare(OpContext& ctx) override {
    LITESCOPE_RETURN_IF_ERROR(ReferenceFullyConnected::Prepare(ctx));
    fast_i8_ = quantized_ && GemmI8Applies(ctx);
    if (quantized_) {
      if (!fast_i8_) return Status::Ok();
      const Shape& w = ctx.input(1)->shape;
      return gemm_i8_.Prepare(ctx, FullyConnectedI8Quantization(quantized_fc_, *ctx.input(0)), w[0], w[1],
                              ctx.input(0)->elements() / w[1]);
    }
    if (hybrid_) return Status::Ok();  // the reference loops
    kernels_ = &FloatKernelsFor(SelectedCpuIsa());
    const Shape& w = ctx.input(1)->shape;
    if (!packed_.Allocate(w[0], w[1])) return ctx.Error("out of memory for the packed weights");
    const Tensor* bias = ctx.input(2);
    constant_weights_ = ctx.input_is_constant(1) && (bias == nullptr || ctx.input_is_constant(2));
    if (constant_weights_) packed_.Pack(ctx.input(1)->data<float>(), bias ? bias->data<float>() : nullptr);
    return Status::Ok();
  }

  Status Eval(OpContext& ctx) override {
    if (fast_i8_) {
      const int depth = ctx.input(1)->shape[1];
      gemm_i8_.Eval(ctx, I8Rows(ctx.input(0)->raw(), I8Rows::Matrix(ctx.input(0)->elements() / depth, depth)));
      return Status::Ok();
    }
    if (quantized_ || hybrid_) return ReferenceFullyConnected::Eval(ctx);
    const Tensor* bias = ctx.input(2);
    if (!constant_weights_) packed_.Pack(ctx.input(1)->data<float>(), bias ? bias->data<float>() : nullptr);
    const Tensor& input = *ctx.input(0);
    const int depth = packed_.k();
    const MatrixRows rows(input.data<float>(), input.elements() / depth, depth, depth);
    // A and W are read in place: no scratch.
    GemmF32(*kernels_, ctx.pool(), rows, packed_, range_, ctx.output(0)->data<float>(), packed_.n(), nullptr);
    return Status::Ok();
  }

 private:
  bool constant_weights_ = false, fast_i8_ = false;
  const FloatKernels* kernels_ = nullptr;
  PackedMatrix packed_;
  QuantizedGemm gemm_i8_;
};

}  // namespace

std::unique_ptr<Kernel> MakeOptimizedFullyConnected() { return Make<FullyConnected>(); }

}  // namespace litescope
