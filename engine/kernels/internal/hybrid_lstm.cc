#include "engine/kernels/internal/hybrid_lstm.h"

#include <string>

namespace litescope {

Status HybridLstm::Prepare(const OpContext& ctx, const HybridLstmShape& shape, bool asymmetric) {
  static const char* kGate[4] = {"input", "forget", "cell", "output"};
  s_ = shape;
  asymmetric_ = asymmetric;
  for (int g = 0; g < 4; ++g) {
    if (g == 0 && s_.cifg) continue;
    const std::string gate = kGate[g];
    LITESCOPE_RETURN_IF_ERROR(PrepareHybridMatrix(ctx, 1 + g, "input-to-" + gate + " weights", &input_weights_[g]));
    LITESCOPE_RETURN_IF_ERROR(
        PrepareHybridMatrix(ctx, 5 + g, "recurrent-to-" + gate + " weights", &recurrent_weights_[g]));
    if (s_.peephole && g != 2) {
      const int input = g == 3 ? 11 : 9 + g;
      LITESCOPE_RETURN_IF_ERROR(DequantizeHybridWeights(ctx, input, "cell-to-" + gate + " weights", &peephole_[g]));
    }
  }
  if (s_.projection) LITESCOPE_RETURN_IF_ERROR(PrepareHybridMatrix(ctx, 16, "projection weights", &projection_));
  input_ = QuantizedRows(s_.batch, s_.input);
  output_state_ = QuantizedRows(s_.batch, s_.output);
  if (s_.projection) hidden_ = QuantizedRows(s_.batch, s_.cell);
  return Status::Ok();
}

void HybridLstm::QuantizeStep(const float* x, int64_t x_row, const float* output_state) {
  input_.Quantize(x, x_row, asymmetric_);
  output_state_.Quantize(output_state, s_.output, asymmetric_);
}

void HybridLstm::AccumulateGate(int g, float* gate) const {
  // TFLite adds the input product, then the recurrent one, to each gate value.
  input_.MultiplyAccumulate(input_weights_[g], gate, s_.cell);
  output_state_.MultiplyAccumulate(recurrent_weights_[g], gate, s_.cell);
}

const float* HybridLstm::Peephole(int g) const { return peephole_[g].empty() ? nullptr : peephole_[g].data(); }

void HybridLstm::Project(const float* hidden, float* output_state) {
  hidden_.Quantize(hidden, s_.cell, asymmetric_);
  hidden_.MultiplyAccumulate(projection_, output_state, s_.output);
}

}  // namespace litescope
