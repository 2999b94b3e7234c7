// UNIDIRECTIONAL_SEQUENCE_LSTM, float32: the LSTM of internal/lstm.h over every time step of a
// [time, batch, input] input ([batch, time, input] when time_major is false).
#include "engine/kernels/internal/lstm.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct Sequence {
  static constexpr bool kSequence = true;
  static constexpr const char* kName = "UNIDIRECTIONAL_SEQUENCE_LSTM";
  static Status Read(const OpContext& ctx, LstmParams* p) {
    const auto* o = ctx.options<tflite::UnidirectionalSequenceLSTMOptions>();
    if (o == nullptr) return ctx.Error("has no UnidirectionalSequenceLSTMOptions");
    *p = {o->fused_activation_function(), o->cell_clip(), o->proj_clip(), o->time_major(),
          o->asymmetric_quantize_inputs()};
    return Status::Ok();
  }
};
}  // namespace

std::unique_ptr<Kernel> MakeUnidirectionalSequenceLstm() { return Make<LstmKernel<Sequence>>(); }

}  // namespace litescope
