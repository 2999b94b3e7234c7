// A kernel that sends quantized tensors (INT8, UINT8, INT16 input 0) to a quantized
// implementation and every other type to the plain one; both are kernels (Prepare, Eval).
//
//   std::unique_ptr<Kernel> MakeAdd() {
//     return Make<QuantizedOr<QuantizedBinary<QuantizedArithmetic::kAdd>, BinaryKernel<AddOp>>>();
//   }
#pragma once

#include "engine/runtime/kernel.h"

namespace litescope {

inline bool IsQuantizedType(tflite::TensorType type) {
  return type == tflite::TensorType_INT8 || type == tflite::TensorType_UINT8 || type == tflite::TensorType_INT16;
}

template <typename Quantized, typename Plain>
class QuantizedOr : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override {
    const Tensor* in = ctx.input(0);
    quantized_ = in != nullptr && IsQuantizedType(in->type);
    return quantized_ ? quantized_kernel_.Prepare(ctx) : plain_.Prepare(ctx);
  }
  Status Eval(OpContext& ctx) override { return quantized_ ? quantized_kernel_.Eval(ctx) : plain_.Eval(ctx); }

 private:
  bool quantized_ = false;
  Quantized quantized_kernel_;
  Plain plain_;
};

}  // namespace litescope
