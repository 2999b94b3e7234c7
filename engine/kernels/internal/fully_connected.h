// The reference FULLY_CONNECTED kernel's class: its Prepare (validation, output shape) is shared
// by the optimized kernel (engine/kernels/optimized/fully_connected.cc), which derives from it.
#pragma once

#include "engine/kernels/internal/activation.h"
#include "engine/runtime/kernel.h"

namespace litescope {

class ReferenceFullyConnected : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override;
  Status Eval(OpContext& ctx) override;

 protected:
  ActivationRange range_;
};

}  // namespace litescope
