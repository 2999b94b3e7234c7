// The reference CONV_2D kernel's class: its Prepare (validation, output shape, geometry) is
// shared by the optimized kernel (engine/kernels/optimized/conv_2d.cc), which derives from it and
// falls back to its Eval where it has no fast path. A FLOAT32 input with an INT8 filter is a
// hybrid (dynamic-range) convolution, evaluated by HybridConv; an INT8, UINT8 or INT16 input a
// quantized one, evaluated by QuantizedConv.
#pragma once

#include "engine/kernels/internal/activation.h"
#include "engine/kernels/internal/hybrid_conv.h"
#include "engine/kernels/internal/quantized_conv.h"
#include "engine/kernels/internal/window.h"
#include "engine/runtime/kernel.h"

namespace litescope {

class ReferenceConv2D : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override;
  Status Eval(OpContext& ctx) override;

 protected:
  Window w_;
  ActivationRange range_;
  bool hybrid_ = false;
  HybridConv hybrid_conv_;
  bool quantized_ = false;
  QuantizedConv quantized_conv_;
};

}  // namespace litescope
