// The integer SVDF of TFLite's reference kernels (EvalIntegerSVDF): INT8 input and output, INT8
// weights_feature, INT16 weights_time, optional INT32 bias, INT16 activation state (zero point 0).
//
//   state: every filter's memory shifts left by one; its newest slot gets
//          clamp16(MultiplyByQuantizedMultiplier(sum_k wf[f][k] * (x[k] - input_zp), M1, s1))
//          with M1 from input_scale * wf_scale / state_scale;
//   out:   acc[u] = bias[u] + sum over the rank filters f of unit u of sum_m wt[f][m] * state[f][m]
//          y[u]   = clamp8(MultiplyByQuantizedMultiplier(acc[u], M2, s2) + output_zp)
//          with M2 from state_scale * wt_scale / output_scale.
//
// TFLite computes both scale products in float. Its integer kernel runs only with the fused
// activation RELU, which it does not apply (it only clamps to INT8); checked against real TFLite:
// other activations fail at invoke there, and at prepare here.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/kernels/internal/fixed_point.h"
#include "engine/runtime/kernel.h"

namespace litescope {

struct SvdfShape {
  int batch = 0, input = 0, filters = 0, memory = 0, rank = 1, units = 0;
};

class QuantizedSvdf {
 public:
  Status Prepare(OpContext& ctx, const SvdfShape& shape);
  void Eval(OpContext& ctx);

 private:
  SvdfShape s_;
  TensorQuantization input_q_, output_q_;
  int32_t multiplier_1_ = 0, multiplier_2_ = 0;
  int shift_1_ = 0, shift_2_ = 0;
  std::vector<int32_t> scratch_;  // one time-dot product per filter of a batch
};

}  // namespace litescope
