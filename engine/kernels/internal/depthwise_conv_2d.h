// The reference DEPTHWISE_CONV_2D kernel's class: its Prepare (validation, output shape,
// geometry) is shared by the optimized kernel (engine/kernels/optimized/depthwise_conv_2d.cc),
// which derives from it and falls back to its Eval where it has no fast path. An INT8, UINT8 or
// INT16 input is evaluated by QuantizedConv.
#pragma once

#include "engine/kernels/internal/activation.h"
#include "engine/kernels/internal/hybrid_depthwise_conv_2d.h"
#include "engine/kernels/internal/quantized_conv.h"
#include "engine/kernels/internal/window.h"
#include "engine/runtime/kernel.h"

namespace litescope {

class ReferenceDepthwiseConv2D : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override;
  Status Eval(OpContext& ctx) override;

 protected:
  Window w_;
  ActivationRange range_;
  bool quantized_ = false;
  QuantizedConv quantized_conv_;
  bool hybrid_ = false;
  HybridDepthwiseConv2D hybrid_depthwise_;
};

}  // namespace litescope
