// The int8 GEMM state of the optimized quantized CONV_2D and FULLY_CONNECTED kernels (INT8 or UINT8
// tensors, INT32 bias): the quantization the reference kernel computed at Prepare, the packed
// weights (packed at Prepare when constant, else at each Eval) and the scratch memory.
//
//   LITESCOPE_RETURN_IF_ERROR(gemm_.Prepare(ctx, ConvI8Quantization(quantized_conv_, in),   // Prepare
//                                           out_channels, depth, rows));
//   gemm_.Eval(ctx, I8Rows(ctx.input(0)->raw(), geometry));                                  // Eval
#pragma once

#include <cstdint>
#include <vector>

#include "engine/kernels/internal/gemm_i8.h"
#include "engine/kernels/internal/quantized_conv.h"
#include "engine/kernels/internal/quantized_fully_connected.h"

namespace litescope {

class QuantizedGemm {
 public:
  // Weights [n][k] are input 1, the bias input 2 (or absent); A has m rows.
  Status Prepare(OpContext& ctx, const I8Quantization& q, int n, int k, int64_t m);
  // Writes output 0 (m rows of n bytes).
  void Eval(OpContext& ctx, const I8Rows& a);

 private:
  void Pack(const OpContext& ctx);

  I8Quantization q_;
  bool constant_weights_ = false;
  const Int8Kernels* kernels_ = nullptr;
  PackedI8Matrix packed_;
  std::vector<uint8_t> scratch_;
};

// Whether the int8 GEMM runs this quantized op: INT8 or UINT8 tensors and no bias or an INT32 one.
bool GemmI8Applies(const OpContext& ctx);

// The quantization of a CONV_2D or DEPTHWISE_CONV_2D that `ref` prepared (8-bit types only).
I8Quantization ConvI8Quantization(const QuantizedConv& ref, const Tensor& input);

// The quantization of a FULLY_CONNECTED that `ref` prepared.
I8Quantization FullyConnectedI8Quantization(const QuantizedFullyConnected& ref, const Tensor& input);

}  // namespace litescope
