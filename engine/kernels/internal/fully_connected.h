// The reference FULLY_CONNECTED kernel's class: its Prepare (validation, output shape) is shared
// by the optimized kernel (engine/kernels/optimized/fully_connected.cc), which derives from it and
// falls back to its Eval for quantized inputs. INT8 and UINT8 inputs are evaluated by
// QuantizedFullyConnected, FLOAT32 inputs with INT8 weights by HybridFullyConnected.
#pragma once

#include "engine/kernels/internal/activation.h"
#include "engine/kernels/internal/hybrid_fully_connected.h"
#include "engine/kernels/internal/quantized_fully_connected.h"
#include "engine/runtime/kernel.h"

namespace litescope {

class ReferenceFullyConnected : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override;
  Status Eval(OpContext& ctx) override;

 protected:
  ActivationRange range_;
  bool quantized_ = false, hybrid_ = false;
  QuantizedFullyConnected quantized_fc_;
  HybridFullyConnected hybrid_fc_;
};

}  // namespace litescope
